import CBaselines

/// Instruction counts per operation under valgrind's callgrind (scripts/bench-instructions).
///
/// Each body (the Swift workload, then its C baseline) runs a warm-up of a tenth of the
/// iterations (at least one), then `iterations` operations with callgrind collecting only around
/// them; callgrind writes one profile per body, labelled "swift|NAME|DATASET|N" or
/// "c|NAME|DATASET|N". Loading the data sets and the warm-ups are not counted, so the counts are
/// the operations alone and repeat exactly for the same binary and inputs.
enum InstructionCount {
    static func run(_ workloads: [Workload], iterations: Int) throws {
        for w in workloads {
            let n = w.operations(iterations)
            try count(w.swift, label: "swift|\(w.name)|\(w.dataset)|\(n)", iterations: n)
            if let baseline = w.baseline {
                try count(baseline, label: "c|\(w.name)|\(w.dataset)|\(n)", iterations: n)
            }
        }
    }

    private static func count(_ body: Body, label: String, iterations: Int) throws {
        guard try body(max(1, iterations / 10)) >= 0 else { throw BenchError("\(label): the warm-up reported failure") }
        cb_callgrind_begin()
        let checksum = try body(iterations)
        cb_callgrind_end(label)
        guard checksum >= 0 else { throw BenchError("\(label): a body reported failure (checksum \(checksum))") }
    }
}
