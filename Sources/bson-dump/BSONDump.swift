import ArgumentParser
import LibBSON

/// `bson-dump`: prints the documents of a BSON stream (a `mongodump` `.bson` file, a pipe)
/// as Extended JSON, one per line, with the options of MongoDB's `bsondump`.
///
/// The library reads, validates, writes Extended JSON and buffers the output (``BSONReader``,
/// ``BSONDocument``, ``BSONOutput``); this command parses options, lays out each document's
/// text (``BSONDocumentFormat``: the pretty and debug forms are bsondump's), and reports.
@main
struct BSONDump: ParsableCommand {
    static let version = "1.0.0"

    static let configuration = CommandConfiguration(
        commandName: "bson-dump",
        abstract: "View and debug .bson files: print each document as Extended JSON, one per line.",
        discussion: """
            Reads a stream of BSON documents (a mongodump .bson file) from FILE, or from \
            standard input when no file or "-" is given. Each document is validated; one that \
            cannot be converted is reported on stderr and skipped (with --objcheck the run \
            stops there). A broken stream (a size below 5 or above 16 MiB, a truncated last \
            document, trailing bytes) stops the run. Errors name the document number (from 1) \
            and its byte offset. "N objects found" is printed on stderr at the end. Runs \
            longer than half a second show a progress bar on stderr when it is a terminal \
            and the documents are not going to the same terminal.

            Exit status: 0 when every document was dumped, 1 when the input was bad or a file \
            could not be opened or written, 64 for a usage error.
            """,
        version: BSONDump.version
    )

    @Argument(help: ArgumentHelp("The BSON file to read; standard input when absent or \"-\".", valueName: "file"))
    var file: String?

    @Option(name: .customLong("bsonFile"), help: ArgumentHelp("The BSON file to read (instead of the FILE argument).", valueName: "path"))
    var bsonFile: String?

    @Option(name: .customLong("outFile"), help: ArgumentHelp("Write the output to this file instead of standard output.", valueName: "path"))
    var outFile: String?

    @Option(help: "The output type: json (Extended JSON) or debug (each element's type and size).")
    var type: OutputType = .json

    @Option(help: "The Extended JSON mode: canonical (every value typed, as bsondump) or relaxed (plain JSON numbers and dates).")
    var mode: ExtendedJSONMode = .canonical

    @Flag(help: "Indent the JSON with tabs, one element per line (ignored with --type debug).")
    var pretty = false

    @Flag(help: "Stop at the first invalid document instead of reporting and skipping it.")
    var objcheck = false

    @Flag(help: "Only count the documents (still validating them) and print the count on stdout.")
    var count = false

    @Flag(name: .shortAndLong, help: "Report more on stderr: the input and output (-v), and each document's offset and size (-vv).")
    var verbose: Int

    @Flag(help: "Print nothing on stderr but errors: no summary, progress or --verbose details.")
    var quiet = false

    /// The input path, or nil for standard input.
    var inputPath: String? {
        let path = bsonFile ?? file
        return path == "-" ? nil : path
    }

    func validate() throws {
        if file != nil && bsonFile != nil {
            throw ValidationError("cannot specify both a positional argument and --bsonFile")
        }
        if count {
            if pretty { throw ValidationError("--count prints only the count: it cannot be combined with --pretty") }
            if outFile != nil { throw ValidationError("--count prints only the count: it cannot be combined with --outFile") }
            if type == .debug { throw ValidationError("--count prints only the count: it cannot be combined with --type debug") }
        }
        if let input = inputPath, let outFile, Platform.sameFile(input, outFile) {
            throw ValidationError("--outFile \(outFile) is the input file; refusing to overwrite it")
        }
    }

    func run() throws {
        let verbosity = quiet ? 0 : verbose
        let console = Console(showsProgress: !quiet && (count || outFile != nil || !Platform.isTerminal(1)))

        let reader: BSONReader
        if let inputPath {
            reader = try console.opening { () throws(BSONError) in try BSONReader(path: inputPath) }
        } else {
            reader = .standardInput()
        }

        let output: BSONOutput?
        if count {
            output = nil
        } else if let outFile {
            output = try console.opening { () throws(BSONError) in try BSONOutput(path: outFile) }
        } else {
            output = .standardOutput()
        }

        let format: BSONDocumentFormat = type == .debug
            ? .debug
            : .extendedJSON(mode, pretty: pretty)

        if verbosity >= 1 {
            let size = reader.totalByteCount.map { " (\($0) bytes)" } ?? ""
            let what = count ? "counting documents" : "writing \(describe(format)) to \(outFile ?? "standard output")"
            console.note("bson-dump: reading \(inputPath ?? "standard input")\(size), \(what)")
        }

        let session = DumpSession(reader: reader, output: output, format: format,
                                  stopAtInvalid: objcheck, verbosity: verbosity, console: console)
        let summary = session.run()

        if count, summary.outputError == nil {
            let countOutput = BSONOutput.standardOutput()
            do {
                try countOutput.write(Array("\(summary.found)\n".utf8))
                try countOutput.flush()
            } catch {
                console.error("bson-dump: cannot write the count: \(error.reason)")
                throw ExitCode.failure
            }
        }
        if verbosity >= 1 {
            console.note("bson-dump: read \(reader.offset) bytes")
        }
        if !quiet {
            console.note(summary.description)
        }
        if !summary.succeeded {
            throw ExitCode.failure
        }
    }

    private func describe(_ format: BSONDocumentFormat) -> String {
        switch format {
        case .debug: return "the debug form"
        case .extendedJSON(let mode, let pretty):
            return "\(pretty ? "indented " : "")\(mode == .canonical ? "canonical" : "relaxed") Extended JSON"
        }
    }
}
