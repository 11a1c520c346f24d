// DatasetIO
