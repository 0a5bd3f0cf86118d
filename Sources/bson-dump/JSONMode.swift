import ArgumentParser

/// The `--mode` option: which Extended JSON v2 form to print.
enum JSONMode: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Every value keeps its exact BSON type (the default, as bsondump prints).
    case canonical
    /// Numbers, and dates from 1970 to 9999, as plain JSON.
    case relaxed
}
