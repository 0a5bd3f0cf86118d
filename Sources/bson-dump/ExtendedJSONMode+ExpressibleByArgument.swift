import ArgumentParser
import LibBSON

/// The `--mode` option is the library's own `ExtendedJSONMode`: its text form (`canonical`,
/// `relaxed`, as `LosslessStringConvertible` spells it) is what the option accepts, and its
/// cases are the values `--help` lists.
extension ExtendedJSONMode: ExpressibleByArgument {}
