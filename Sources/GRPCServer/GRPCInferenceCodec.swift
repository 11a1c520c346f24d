import Foundation
import InferenceProtocol
import Serving

/// Between the generated gRPC messages and the transport-independent request and response:
/// inputs from `raw_input_contents` (or typed `contents`), outputs always in
/// `raw_output_contents`, which is what tritonclient.grpc reads.
enum GRPCInferenceCodec {
    static func request(_ message: Inference_ModelInferRequest, limits: RequestLimits) throws(ServingError) -> InferenceRequest {
        guard message.inputs.count <= limits.maximumTensors, message.outputs.count <= limits.maximumTensors else {
            throw .invalid("more than \(limits.maximumTensors) inputs or outputs")
        }
        let raw = message.rawInputContents
        guard raw.isEmpty || raw.count == message.inputs.count else {
            throw .invalid("raw_input_contents has \(raw.count) entries for \(message.inputs.count) inputs")
        }
        var inputs = [InferenceTensor]()
        for (index, input) in message.inputs.enumerated() {
            let owner = "input '\(input.name.prefix(64))'"
            guard let datatype = TensorDatatype(rawValue: input.datatype) else {
                throw .invalid("\(owner): unknown datatype '\(input.datatype.prefix(16))'")
            }
            guard input.shape.allSatisfy({ $0 >= 0 }) else { throw .invalid("\(owner): shape \(input.shape) has a negative dimension") }
            let shape = input.shape.map { Int($0) }
            let count = try TensorShape.elementCount(shape, datatype: datatype, of: owner, limitBytes: limits.maximumBodyBytes)
            let bytes: Data
            if raw.isEmpty {
                guard input.hasContents else { throw .invalid("\(owner) has neither raw_input_contents nor contents") }
                bytes = try typedBytes(input.contents, datatype: datatype, count: count, of: owner)
            } else {
                guard !input.hasContents else { throw .invalid("\(owner): contents must be empty when raw_input_contents is used") }
                bytes = raw[index]
                if let size = datatype.byteSize {
                    guard bytes.count == count * size else {
                        throw .invalid("\(owner): raw_input_contents holds \(bytes.count) bytes, shape \(shape) of \(datatype.rawValue) needs \(count * size)")
                    }
                } else {
                    try TensorShape.checkBytesElements(bytes, count: count, of: owner)
                }
            }
            inputs.append(InferenceTensor(name: input.name, datatype: datatype, shape: shape, bytes: bytes))
        }
        return InferenceRequest(id: message.id.isEmpty ? nil : message.id, parameters: message.parameters.compactMapValues(parameter),
                                inputs: inputs, outputs: message.outputs.map { .init(name: $0.name) })
    }

    static func response(_ response: InferenceResponse) -> Inference_ModelInferResponse {
        var message = Inference_ModelInferResponse()
        message.modelName = response.modelName
        message.modelVersion = response.modelVersion
        message.id = response.id ?? ""
        message.outputs = response.outputs.map { tensor in
            var output = Inference_ModelInferResponse.InferOutputTensor()
            output.name = tensor.name
            output.datatype = tensor.datatype.rawValue
            output.shape = tensor.shape.map(Int64.init)
            return output
        }
        message.rawOutputContents = response.outputs.map(\.bytes)
        return message
    }

    static func parameter(_ value: Inference_InferParameter) -> ParameterValue? {
        switch value.parameterChoice {
        case .boolParam(let flag): .bool(flag)
        case .int64Param(let number): .number(Double(number))
        case .uint64Param(let number): .number(Double(number))
        case .doubleParam(let number): .number(number)
        case .stringParam(let text): .string(text)
        case nil: nil
        }
    }

    /// Typed `contents` as little-endian bytes; the field must match the datatype's family and
    /// hold exactly `count` values.
    static func typedBytes(_ contents: Inference_InferTensorContents, datatype: TensorDatatype, count: Int,
                           of owner: String) throws(ServingError) -> Data {
        func pack<T>(_ values: [T], field: String) throws(ServingError) -> Data {
            guard values.count == count else { throw .invalid("\(owner): \(field) holds \(values.count) values, the shape needs \(count)") }
            return values.withUnsafeBufferPointer { Data(buffer: $0) }
        }
        switch datatype {
        case .bool: return try pack(contents.boolContents.map { UInt8($0 ? 1 : 0) }, field: "bool_contents")
        case .int8: return try pack(contents.intContents.map { Int8(truncatingIfNeeded: $0) }, field: "int_contents")
        case .int16: return try pack(contents.intContents.map { Int16(truncatingIfNeeded: $0) }, field: "int_contents")
        case .int32: return try pack(contents.intContents, field: "int_contents")
        case .int64: return try pack(contents.int64Contents, field: "int64_contents")
        case .uint8: return try pack(contents.uintContents.map { UInt8(truncatingIfNeeded: $0) }, field: "uint_contents")
        case .uint16: return try pack(contents.uintContents.map { UInt16(truncatingIfNeeded: $0) }, field: "uint_contents")
        case .uint32: return try pack(contents.uintContents, field: "uint_contents")
        case .uint64: return try pack(contents.uint64Contents, field: "uint64_contents")
        case .fp32: return try pack(contents.fp32Contents, field: "fp32_contents")
        case .fp64: return try pack(contents.fp64Contents, field: "fp64_contents")
        case .fp16, .bf16: throw .invalid("\(owner): \(datatype.rawValue) travels only in raw_input_contents")
        case .bytes:
            guard contents.bytesContents.count == count else {
                throw .invalid("\(owner): bytes_contents holds \(contents.bytesContents.count) values, the shape needs \(count)")
            }
            var data = Data()
            for element in contents.bytesContents {
                withUnsafeBytes(of: UInt32(element.count).littleEndian) { data.append(contentsOf: $0) }
                data.append(element)
            }
            return data
        }
    }
}
