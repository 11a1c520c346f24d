import Foundation
import Serving
import Testing

/// The REST inference body: typed JSON tensors (flat and nested), the binary extension, and
/// every malformed form SERVING.md §6 lists, each refused with a message.
@Suite("HTTP inference codec")
struct HTTPInferenceCodecTests {
    static func decode(_ json: String, binary: Data = Data(), headerLength: Int? = nil) throws(ServingError) -> InferenceRequest {
        let body = Data(json.utf8) + binary
        return try HTTPInferenceCodec.decodeRequest(body, jsonLength: binary.isEmpty ? headerLength : (headerLength ?? json.utf8.count))
    }

    static func error(_ json: String, binary: Data = Data(), headerLength: Int? = nil) -> String {
        do { _ = try decode(json, binary: binary, headerLength: headerLength) } catch { return error.message }
        return "no error"
    }

    @Test func typedJSONFlatAndNested() throws {
        let request = try Self.decode("""
            {"id": "r1", "parameters": {"binary_data_output": true},
             "inputs": [{"name": "a", "datatype": "FP32", "shape": [2, 2], "data": [[1, 2.5], [3, -4]]},
                        {"name": "b", "datatype": "INT32", "shape": [3], "data": [1, -2, 3]},
                        {"name": "c", "datatype": "BOOL", "shape": [2], "data": [true, false]},
                        {"name": "d", "datatype": "BYTES", "shape": [2], "data": ["hé", ""]}],
             "outputs": [{"name": "y", "parameters": {"binary_data": false}}, {"name": "z"}]}
            """)
        #expect(request.id == "r1" && request.inputs.map(\.name) == ["a", "b", "c", "d"])
        #expect(request.inputs[0].values(as: Float.self) == [1, 2.5, 3, -4] && request.inputs[0].shape == [2, 2])
        #expect(request.inputs[1].values(as: Int32.self) == [1, -2, 3])
        #expect(request.inputs[2].bytes == Data([1, 0]))
        #expect(request.inputs[3].bytes == Data([3, 0, 0, 0, 0x68, 0xC3, 0xA9, 0, 0, 0, 0]))
        #expect(!request.wantsBinary("y") && request.wantsBinary("z"))
    }

    @Test func binaryExtensionInputs() throws {
        let floats: [Float] = [1, 2, 3, 4, 5, 6]
        let payload = floats.withUnsafeBufferPointer { Data(buffer: $0) } + Data([7, 0, 0, 0])
        let request = try Self.decode("""
            {"inputs": [{"name": "x", "datatype": "FP32", "shape": [2, 3], "parameters": {"binary_data_size": 24}},
                        {"name": "n", "datatype": "INT32", "shape": [1], "parameters": {"binary_data_size": 4}}]}
            """, binary: payload)
        #expect(request.inputs[0].values(as: Float.self) == floats && request.inputs[1].values(as: Int32.self) == [7])
    }

    @Test func malformedRequestsAreRefusedWithAReason() {
        let input = #"{"name": "x", "datatype": "FP32", "shape": [2], "parameters": {"binary_data_size": 8}}"#
        let cases: [(String, Data, Int?, String)] = [
            (#"{"inputs": [{"name": "x", "datatype": "FP32", "shape": [3], "data": [1, 2]}]}"#, Data(), nil,
             "input 'x': 'data' has 2 elements, the shape needs 3"),
            (#"{"inputs": [{"name": "x", "datatype": "FP32", "shape": [-1], "data": [1]}]}"#, Data(), nil,
             "shape dimension -1 is not a non-negative integer"),
            (#"{"inputs": [{"name": "x", "datatype": "FP32", "shape": [4294967296, 4294967296], "data": []}]}"#, Data(), nil,
             "has more elements than fit in 64 bits"),
            (#"{"inputs": [{"name": "x", "datatype": "FP32", "shape": [100000000], "data": []}]}"#, Data(), nil,
             "exceeds the request size limit"),
            (#"{"inputs": [{"name": "x", "datatype": "FP33", "shape": [1], "data": [1]}]}"#, Data(), nil, "unknown datatype 'FP33'"),
            (#"{"inputs": [{"name": "x", "datatype": "INT32", "shape": [1], "data": [1.5]}]}"#, Data(), nil,
             "element 0 (1.5) is not a valid INT32"),
            (#"{"inputs": [{"name": "x", "datatype": "INT8", "shape": [1], "data": [300]}]}"#, Data(), nil, "is not a valid INT8"),
            (#"{"inputs": [{"name": "x", "datatype": "BOOL", "shape": [1], "data": [1]}]}"#, Data(), nil, "is not a valid BOOL"),
            (#"{"inputs": [{"name": "x", "datatype": "FP16", "shape": [1], "data": [1]}]}"#, Data(), nil, "FP16 has no JSON form"),
            ("{\"inputs\": [\(input)]}", Data(count: 4), nil, "binary_data_size 8 exceeds the 4 binary bytes left"),
            ("{\"inputs\": [\(input)]}", Data(count: 12), nil, "4 bytes of binary data follow the last binary input"),
            (#"{"inputs": [{"name": "x", "datatype": "FP32", "shape": [2], "parameters": {"binary_data_size": 4}}]}"#,
             Data(count: 4), nil, "binary_data_size 4 does not match shape [2] of FP32 (8 bytes)"),
            ("{\"inputs\": []}", Data(), 1000, "Inference-Header-Content-Length 1000 exceeds the body length"),
            ("{\"inputs\": []}", Data(), 0, "raw binary request"),
            (#"{"inputs": [{"name": "", "datatype": "FP32", "shape": [1], "data": [1]}]}"#, Data(), nil, "needs a non-empty 'name'"),
            (#"{"inputs": {}}"#, Data(), nil, "request has no 'inputs' array"),
            ("not json", Data(), nil, "request header is not a JSON object"),
            ("{\"inputs\": [], \"outputs\": [" + Array(repeating: #"{"name": "o"}"#, count: 65).joined(separator: ",") + "]}",
             Data(), nil, "more than 64 inputs or outputs"),
            (String(repeating: "[", count: 250_000) + String(repeating: "]", count: 250_000), Data(), nil,
             "JSON nesting deeper than 100 levels"),
        ]
        for (json, binary, header, expected) in cases {
            let message = Self.error(json, binary: binary, headerLength: header)
            #expect(message.contains(expected), "\(json.prefix(80)) → \(message)")
            #expect(!message.contains("\n"))
        }
    }

    @Test func responsesInJSONAndBinary() throws {
        let response = InferenceResponse(modelName: "m", modelVersion: "2", id: "7", outputs: [
            InferenceTensor(name: "y", shape: [2], floats: [0.5, -1]), InferenceTensor(name: "n", shape: [1], int32s: [3])])
        let (json, length) = try HTTPInferenceCodec.encodeResponse(response) { _ in false }
        #expect(length == nil)
        let object = try JSONSerialization.jsonObject(with: json) as! [String: Any]
        #expect(object["model_name"] as? String == "m" && object["model_version"] as? String == "2" && object["id"] as? String == "7")
        let outputs = object["outputs"] as! [[String: Any]]
        #expect(outputs[0]["data"] as? [Double] == [0.5, -1] && outputs[0]["shape"] as? [Int] == [2])

        let (body, header) = try HTTPInferenceCodec.encodeResponse(response) { $0 == "y" }
        let headerLength = try #require(header)
        let binaryOutputs = (try JSONSerialization.jsonObject(with: body.prefix(headerLength)) as! [String: Any])["outputs"] as! [[String: Any]]
        #expect((binaryOutputs[0]["parameters"] as? [String: Any])?["binary_data_size"] as? Int == 8)
        #expect(binaryOutputs[1]["data"] as? [Int] == [3])
        #expect(body.dropFirst(headerLength) == InferenceTensor(name: "y", shape: [2], floats: [0.5, -1]).bytes)
    }
}
