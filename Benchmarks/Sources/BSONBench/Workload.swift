/// A workload on one data set: our Swift body and, where there is one, the raw libbson body.
struct Workload {
    var name: String
    var dataset: String
    /// Bytes per operation used for MB/s: the data set's BSON size, as the driver spec defines it.
    var bytesPerOperation: Int
    var swift: Body
    var baseline: Body?
    /// What the C baseline is, for the table's notes.
    var baselineName: String?
    /// How many times longer one operation takes than a data-set operation: the workload runs
    /// `iterations / iterationDivisor` operations (at least one) where the others run
    /// `iterations`, so that a 16 MiB document does not take hours.
    var iterationDivisor = 1

    /// The operations to run where the others run `iterations`.
    func operations(_ iterations: Int) -> Int { max(1, iterations / iterationDivisor) }
}

/// One row of the results.
struct Result: Codable {
    var workload: String
    var dataset: String
    var opsPerSecond: Double
    var megabytesPerSecond: Double
    var baselineMegabytesPerSecond: Double?
    var ratio: Double?
    var baseline: String?
}
