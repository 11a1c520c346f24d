import Foundation

/// The Prometheus text exposition (format 0.0.4) of the server's counters, under Triton's
/// metric names so that existing dashboards and alerts read them unchanged.
public enum MetricsExposition {
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    public static func render(_ models: [InferenceStatistics.Model], pending: Int) -> String {
        var text = ""
        func family(_ name: String, _ help: String, _ value: (InferenceStatistics.Model) -> UInt64) {
            text += "# HELP \(name) \(help)\n# TYPE \(name) counter\n"
            for model in models {
                text += "\(name){model=\"\(escaped(model.name))\",version=\"\(escaped(model.version))\"} \(value(model))\n"
            }
        }
        family("nv_inference_request_success", "Number of successful inference requests", { $0.success.count })
        family("nv_inference_request_failure", "Number of failed inference requests", { $0.fail.count })
        family("nv_inference_count", "Number of inferences performed (each batch element counts)", { $0.inferenceCount })
        family("nv_inference_exec_count", "Number of model executions (batches)", { $0.executionCount })
        family("nv_inference_request_duration_us", "Cumulative inference request duration in microseconds",
               { ($0.success.nanoseconds + $0.fail.nanoseconds) / 1000 })
        family("nv_inference_queue_duration_us", "Cumulative time requests waited in the queue in microseconds",
               { $0.queue.nanoseconds / 1000 })
        family("nv_inference_compute_input_duration_us", "Cumulative compute input duration in microseconds",
               { $0.computeInput.nanoseconds / 1000 })
        family("nv_inference_compute_infer_duration_us", "Cumulative compute inference duration in microseconds",
               { $0.computeInfer.nanoseconds / 1000 })
        family("nv_inference_compute_output_duration_us", "Cumulative compute output duration in microseconds",
               { $0.computeOutput.nanoseconds / 1000 })
        text += "# HELP nv_inference_pending_request_count Inference requests admitted and not yet answered\n"
        text += "# TYPE nv_inference_pending_request_count gauge\nnv_inference_pending_request_count \(pending)\n"
        return text
    }

    /// A label value with `\`, `"` and newlines escaped.
    static func escaped(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
