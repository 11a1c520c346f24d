#!/usr/bin/env bash
# Regenerates the committed Swift code of the gRPC protocol (messages and service stubs) from the
# .proto files beside this script. Needs protoc (Debian: protobuf-compiler); builds the two protoc
# plugins from grpc-swift-protobuf (the version Package.swift names) in .build-protoc-plugins/.
# Usage: Sources/InferenceProtocol/Protos/generate.sh   (or: make grpc-code)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
version=${GRPC_SWIFT_PROTOBUF_VERSION:-2.4.1}
plugins="$top/.build-protoc-plugins"

command -v protoc >/dev/null || { echo "generate.sh: protoc not found (apt-get install -y protobuf-compiler)" >&2; exit 1; }
if [ ! -d "$plugins/grpc-swift-protobuf" ]; then
    git -c advice.detachedHead=false clone -q --branch "$version" https://github.com/grpc/grpc-swift-protobuf "$plugins/grpc-swift-protobuf"
fi
(cd "$plugins/grpc-swift-protobuf" && swift build -c release --product protoc-gen-grpc-swift-2 >/dev/null \
    && swift build -c release --product protoc-gen-swift >/dev/null)
bin=$(cd "$plugins/grpc-swift-protobuf" && swift build -c release --show-bin-path)

out="$here/.."
rm -f "$out"/*.pb.swift "$out"/*.grpc.swift
protoc --proto_path="$here" \
    --plugin=protoc-gen-swift="$bin/protoc-gen-swift" \
    --plugin=protoc-gen-grpc-swift-2="$bin/protoc-gen-grpc-swift-2" \
    --swift_out="$out" --swift_opt=Visibility=Public \
    --grpc-swift-2_out="$out" --grpc-swift-2_opt=Visibility=Public,Server=true,Client=true \
    grpc_service.proto model_config.proto health.proto
rm -f "$out/model_config.grpc.swift"  # the configuration file declares no service
echo "generated: $(cd "$out" && ls *.pb.swift *.grpc.swift | tr '\n' ' ')"
