import Foundation

/// The REST body of `…/infer`: JSON (typed tensors, flat or nested `data`), optionally followed
/// by binary tensors (Triton's binary tensor extension: `Inference-Header-Content-Length` bytes
/// of JSON, then each binary tensor in the order of the JSON, sized by `binary_data_size`).
public enum HTTPInferenceCodec {
    /// Parses a request body. `jsonLength` is the `Inference-Header-Content-Length` header.
    public static func decodeRequest(_ body: Data, jsonLength: Int?, limits: RequestLimits = .init()) throws(ServingError)
        -> InferenceRequest {
        guard body.count <= limits.maximumBodyBytes else {
            throw .invalid("request body of \(body.count) bytes exceeds the limit of \(limits.maximumBodyBytes)")
        }
        let headerLength = jsonLength ?? body.count
        guard headerLength > 0 else {
            throw .invalid("Inference-Header-Content-Length 0 (raw binary request) is not supported: send a JSON header")
        }
        guard headerLength <= body.count else {
            throw .invalid("Inference-Header-Content-Length \(headerLength) exceeds the body length \(body.count)")
        }
        let json = body.prefix(headerLength)
        try JSONDepth.check(json, limit: limits.maximumJSONDepth)
        guard let object = (try? JSONSerialization.jsonObject(with: json, options: [.fragmentsAllowed])) as? [String: Any] else {
            throw .invalid("request header is not a JSON object")
        }
        var binary = body.dropFirst(headerLength)
        guard let inputs = object["inputs"] as? [Any] else { throw .invalid("request has no 'inputs' array") }
        guard inputs.count <= limits.maximumTensors, (object["outputs"] as? [Any])?.count ?? 0 <= limits.maximumTensors else {
            throw .invalid("more than \(limits.maximumTensors) inputs or outputs")
        }
        var tensors = [InferenceTensor]()
        for (index, entry) in inputs.enumerated() {
            guard let input = entry as? [String: Any] else { throw .invalid("inputs[\(index)] is not an object") }
            tensors.append(try decodeInput(input, index: index, binary: &binary, limits: limits))
        }
        guard binary.isEmpty else { throw .invalid("\(binary.count) bytes of binary data follow the last binary input") }
        let names = tensors.map(\.name)
        guard Set(names).count == names.count else { throw .invalid("input names repeat: \(names)") }
        return InferenceRequest(id: try idString(object["id"]), parameters: try parameters(object["parameters"], of: "request"),
                                inputs: tensors, outputs: try requestedOutputs(object["outputs"]))
    }

    private static func idString(_ value: Any?) throws(ServingError) -> String? {
        guard let value else { return nil }
        guard let id = value as? String else { throw .invalid("'id' must be a string") }
        return id
    }

    static func parameters(_ value: Any?, of owner: String) throws(ServingError) -> [String: ParameterValue] {
        guard let value else { return [:] }
        guard let object = value as? [String: Any] else { throw .invalid("\(owner) 'parameters' must be an object") }
        var result = [String: ParameterValue]()
        for (key, entry) in object {
            switch entry {
            case let text as String: result[key] = .string(text)
            case let number as NSNumber where number.isJSONBoolean: result[key] = .bool(number.boolValue)
            case let number as NSNumber: result[key] = .number(number.doubleValue)
            default: throw .invalid("\(owner) parameter '\(key)' must be a string, number or boolean")
            }
        }
        return result
    }

    private static func requestedOutputs(_ value: Any?) throws(ServingError) -> [InferenceRequest.RequestedOutput] {
        guard let value else { return [] }
        guard let list = value as? [Any] else { throw .invalid("'outputs' must be an array") }
        return try list.enumerated().map { (index, entry) throws(ServingError) in
            guard let output = entry as? [String: Any], let name = output["name"] as? String, !name.isEmpty else {
                throw .invalid("outputs[\(index)] needs a non-empty 'name'")
            }
            let binary: Bool?
            switch try parameters(output["parameters"], of: "output '\(name)'")["binary_data"] {
            case .bool(let flag)?: binary = flag
            case nil: binary = nil
            default: throw .invalid("output '\(name)' parameter 'binary_data' must be a boolean")
            }
            return .init(name: name, binary: binary)
        }
    }

    private static func decodeInput(_ input: [String: Any], index: Int, binary: inout Data.SubSequence,
                                    limits: RequestLimits) throws(ServingError) -> InferenceTensor {
        guard let name = input["name"] as? String, !name.isEmpty else { throw .invalid("inputs[\(index)] needs a non-empty 'name'") }
        guard let typeName = input["datatype"] as? String else { throw .invalid("input '\(name)' needs a 'datatype'") }
        guard let datatype = TensorDatatype(rawValue: typeName) else {
            throw .invalid("input '\(name)' has unknown datatype '\(typeName)'")
        }
        guard let dims = input["shape"] as? [Any] else { throw .invalid("input '\(name)' needs a 'shape' array") }
        let shape = try TensorShape.validate(dims, of: "input '\(name)'")
        let count = try TensorShape.elementCount(shape, datatype: datatype, of: "input '\(name)'", limitBytes: limits.maximumBodyBytes)
        let parameters = try parameters(input["parameters"], of: "input '\(name)'")
        if let size = parameters["binary_data_size"] {
            guard case .number(let value) = size, value >= 0, value == value.rounded(), value <= Double(Int.max) else {
                throw .invalid("input '\(name)' parameter 'binary_data_size' must be a non-negative integer")
            }
            let bytes = Int(value)
            if let element = datatype.byteSize, bytes != count * element {
                throw .invalid("input '\(name)': binary_data_size \(bytes) does not match shape \(shape) of \(datatype.rawValue) "
                    + "(\(count * element) bytes)")
            }
            guard bytes <= binary.count else {
                throw .invalid("input '\(name)': binary_data_size \(bytes) exceeds the \(binary.count) binary bytes left in the body")
            }
            let data = Data(binary.prefix(bytes))
            binary = binary.dropFirst(bytes)
            if datatype == .bytes { try TensorShape.checkBytesElements(data, count: count, of: "input '\(name)'") }
            return InferenceTensor(name: name, datatype: datatype, shape: shape, bytes: data)
        }
        guard let data = input["data"] else { throw .invalid("input '\(name)' has neither 'data' nor 'binary_data_size'") }
        let bytes = try JSONTensorData.encode(data, datatype: datatype, count: count, of: "input '\(name)'")
        return InferenceTensor(name: name, datatype: datatype, shape: shape, bytes: bytes)
    }

    /// The response body and, when any output is binary, the JSON header's length.
    public static func encodeResponse(_ response: InferenceResponse, binary: (String) -> Bool) throws(ServingError)
        -> (body: Data, jsonLength: Int?) {
        var json = JSONText()
        var payload = Data()
        json.raw("{")
        json.key("model_name")
        json.string(response.modelName)
        json.raw(",")
        json.key("model_version")
        json.string(response.modelVersion)
        if let id = response.id {
            json.raw(",")
            json.key("id")
            json.string(id)
        }
        json.raw(",")
        json.key("outputs")
        try json.array(response.outputs) { (json, output) throws(ServingError) in
            json.raw("{")
            json.key("name")
            json.string(output.name)
            json.raw(",")
            json.key("datatype")
            json.string(output.datatype.rawValue)
            json.raw(",")
            json.key("shape")
            json.array(output.shape) { json, dimension in json.integer(dimension) }
            json.raw(",")
            if binary(output.name) || output.datatype == .fp16 || output.datatype == .bf16 {
                json.key("parameters")
                json.raw("{")
                json.key("binary_data_size")
                json.integer(output.bytes.count)
                json.raw("}")
                payload.append(output.bytes)
            } else {
                json.key("data")
                try JSONTensorData.write(output, into: &json)
            }
            json.raw("}")
        }
        json.raw("}")
        let header = Data(json.bytes)
        return payload.isEmpty ? (header, nil) : (header + payload, header.count)
    }
}
