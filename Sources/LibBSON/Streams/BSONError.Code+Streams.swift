extension BSONError.Code {
    /// Reading or writing a file, pipe or standard stream failed; the reason carries the
    /// system's message (for example "No such file or directory").
    public static let ioFailure = BSONError.Code(rawValue: "ioFailure")
}
