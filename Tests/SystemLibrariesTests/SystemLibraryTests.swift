import CHDF5
import CNetCDF
import Foundation
import Testing
import TestSupport

/// The HDF5 and NetCDF shims link and round-trip data through the C libraries.
@Suite("System libraries")
struct SystemLibraryTests {
    @Test func hdf5WritesAndReadsAFloatDataset() throws {
        let path = try PythonPeer.temporaryDirectory().appendingPathComponent("probe.h5").path
        let values = (0..<24).map { Float($0) * 0.5 }
        let file = H5Fcreate(path, shim_H5F_ACC_TRUNC(), shim_H5P_DEFAULT(), shim_H5P_DEFAULT())
        #expect(file >= 0)
        var dims: [hsize_t] = [2, 3, 4]
        let space = H5Screate_simple(3, &dims, nil)
        let dataset = H5Dcreate2(file, "tensor", shim_H5T_NATIVE_FLOAT(), space, shim_H5P_DEFAULT(), shim_H5P_DEFAULT(), shim_H5P_DEFAULT())
        #expect(H5Dwrite(dataset, shim_H5T_NATIVE_FLOAT(), shim_H5S_ALL(), shim_H5S_ALL(), shim_H5P_DEFAULT(), values) >= 0)
        H5Dclose(dataset); H5Sclose(space); H5Fclose(file)

        let reopened = H5Fopen(path, shim_H5F_ACC_RDONLY(), shim_H5P_DEFAULT())
        let readSet = H5Dopen2(reopened, "tensor", shim_H5P_DEFAULT())
        var back = [Float](repeating: 0, count: 24)
        #expect(H5Dread(readSet, shim_H5T_NATIVE_FLOAT(), shim_H5S_ALL(), shim_H5S_ALL(), shim_H5P_DEFAULT(), &back) >= 0)
        H5Dclose(readSet); H5Fclose(reopened)
        #expect(back == values)
    }

    @Test func netcdfWritesAndReadsAVariable() throws {
        let path = try PythonPeer.temporaryDirectory().appendingPathComponent("probe.nc").path
        var ncid: Int32 = 0, xDim: Int32 = 0, variable: Int32 = 0
        #expect(nc_create(path, NC_NETCDF4 | NC_CLOBBER, &ncid) == NC_NOERR)
        #expect(nc_def_dim(ncid, "x", 5, &xDim) == NC_NOERR)
        #expect(nc_def_var(ncid, "u", NC_DOUBLE, 1, &xDim, &variable) == NC_NOERR)
        #expect(nc_enddef(ncid) == NC_NOERR)
        let values: [Double] = [1, 2, 3, 4, 5.5]
        #expect(nc_put_var_double(ncid, variable, values) == NC_NOERR)
        #expect(nc_close(ncid) == NC_NOERR)
        #expect(nc_open(path, NC_NOWRITE, &ncid) == NC_NOERR)
        var back = [Double](repeating: 0, count: 5)
        #expect(nc_get_var_double(ncid, variable, &back) == NC_NOERR)
        var format: Int32 = 0
        nc_inq_format(ncid, &format)
        #expect(format == NC_FORMAT_NETCDF4)
        nc_close(ncid)
        #expect(back == values)
    }
}
