#!/usr/bin/env bash
# Seeds the mesh fuzzer's corpus in $1: every streamable format variant of two small meshes made
# by `surrogate mesh generate` (a triangle channel and a hexahedral box) and an XDMF with a node set
# and physical names, each file prefixed with
# the byte that selects its reader in FuzzMeshFile (0 Gmsh, 1 VTK, 2 VTU, 3 XDMF).
set -euo pipefail
cd "$(dirname "$0")/.."
SURROGATE=${SURROGATE:-.build/release/surrogate}
out=$1 work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
"$SURROGATE" mesh generate channel --cells 2 --out "$work/channel.vtu" >/dev/null
"$SURROGATE" mesh generate box --cells 1 --quads --out "$work/box.vtu" >/dev/null
for mesh in channel box; do
    for format in gmsh22-ascii gmsh22-binary gmsh41-ascii gmsh41-binary vtk42-ascii vtk42-binary vtk51-ascii vtk51-binary \
                  vtu-ascii vtu-base64 vtu-appended vtu-zlib vtu-appended-zlib xdmf-xml; do
        case $format in gmsh*) selector='\x00' ext=msh;; vtk*) selector='\x01' ext=vtk;; vtu*) selector='\x02' ext=vtu;; *) selector='\x03' ext=xdmf;; esac
        "$SURROGATE" mesh convert "$work/$mesh.vtu" "$work/$mesh-$format.$ext" --format "$format" >/dev/null
        { printf "$selector"; cat "$work/$mesh-$format.$ext"; } > "$out/$mesh-$format"
    done
done
# An inline XDMF with a node set and meshio's physical-names <Information>.
{ printf '\x03'; cat <<'XDMF'; } > "$out/sets-and-names-xdmf"
<?xml version="1.0"?>
<Xdmf Version="3.0"><Domain><Grid Name="mesh" GridType="Uniform">
<Geometry GeometryType="XY"><DataItem DataType="Float" Precision="8" Dimensions="3 2" Format="XML">0 0 1 0 0 1</DataItem></Geometry>
<Topology TopologyType="Triangle" NumberOfElements="1"><DataItem DataType="Int" Precision="8" Dimensions="1 3" Format="XML">0 1 2</DataItem></Topology>
<Set Name="inlet" SetType="Node"><DataItem DataType="Int" Precision="8" Dimensions="2" Format="XML">0 2</DataItem></Set>
<Information Name="Information" Value="1">&lt;main&gt;&lt;map key="wall" dim="1"&gt;3&lt;/map&gt;&lt;/main&gt;</Information>
</Grid></Domain></Xdmf>
XDMF
