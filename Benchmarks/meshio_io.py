"""meshio's side of Benchmarks/mesh_io.sh: read a mesh file and write it back in the same
format family, printing the seconds of each step and the process's peak resident memory in
the same `key=value` form as `surrogate mesh convert --timing`.

usage: meshio_io.py INPUT OUTPUT FORMAT   (FORMAT: vtu or gmsh41-binary)
"""
import resource
import sys
import time

import meshio

source, target, kind = sys.argv[1:4]
start = time.perf_counter()
mesh = meshio.read(source)
read = time.perf_counter()
if kind == "vtu":
    # meshio's fastest binary VTU: raw (uncompressed) data, base64 inline (it writes no appended data).
    meshio.vtu.write(target, mesh, binary=True, compression=None)
else:
    # meshio 5.3.5's MSH 4.1 writer needs gmsh:physical beside gmsh:geometrical (KeyError
    # otherwise); our files carry entity tags only, so give it zeros (no physical group).
    if "gmsh:geometrical" in mesh.cell_data and "gmsh:physical" not in mesh.cell_data:
        mesh.cell_data["gmsh:physical"] = [0 * a for a in mesh.cell_data["gmsh:geometrical"]]
    meshio.gmsh.write(target, mesh, fmt_version="4.1", binary=True)
written = time.perf_counter()
cells = sum(len(block.data) for block in mesh.cells)
print(f"{source} -> {target}: {len(mesh.points)} points, {cells} cells")
print(f"timing read_seconds={read - start:.3f} write_seconds={written - read:.3f} "
      f"peak_rss_mb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}")
