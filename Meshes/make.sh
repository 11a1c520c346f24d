#!/usr/bin/env bash
# Regenerates every sample mesh of Meshes/ with the product itself; each line is the command
# that Meshes/README.md lists for its file. SURROGATE names the executable (default: the
# release build, else the debug build).
set -euo pipefail
cd "$(dirname "$0")/.."
SURROGATE=${SURROGATE:-$( [ -x .build/release/surrogate ] && echo .build/release/surrogate || echo .build/debug/surrogate )}
surrogate() { "$SURROGATE" "$@" >/dev/null; }

surrogate mesh generate rectangle --width 2 --cells 4 --out Meshes/rectangle-triangles.msh
surrogate mesh generate rectangle --width 2 --cells 4 --quads --format gmsh22-ascii --out Meshes/rectangle-quads-ascii.msh
surrogate mesh generate disk --cells 8 --format vtk42-ascii --out Meshes/disk.vtk
surrogate mesh generate disk --cells 8 --quads --out Meshes/disk-quads.vtk
surrogate mesh convert Meshes/disk.vtk Meshes/disk.xmf --format xdmf-xml
surrogate mesh generate channel --cells 6 --out Meshes/channel.vtu
surrogate mesh generate channel --cells 6 --quads --format vtu-appended --out Meshes/channel-quads-appended.vtu
surrogate mesh convert Meshes/channel.vtu Meshes/channel-ascii.vtu --format vtu-ascii
surrogate mesh convert Meshes/channel.vtu Meshes/channel.xdmf
surrogate mesh generate box --cells 3 --out Meshes/box-tetra.exo
surrogate mesh generate box --cells 3 --quads --out Meshes/box-hexahedra.e
surrogate mesh convert Meshes/box-tetra.exo Meshes/box-tetra-ascii.msh --format gmsh41-ascii
surrogate mesh generate rectangle --cells 4 --fold --format vtu-ascii --out Meshes/tangled-rectangle.vtu
surrogate mesh plot Meshes/channel.vtu --out Meshes/channel.svg --field distance
surrogate mesh plot Meshes/tangled-rectangle.vtu --out Meshes/tangled-rectangle.svg --quality
surrogate mesh plot Meshes/tangled-rectangle.vtu --out Meshes/tangled-rectangle.png --quality
