/// What `khcn import` was asked to do (contract §5–6): the dialect of the file when it cannot
/// be told from the bytes, how many bad rows to tolerate, and where to write them.
public struct ImportOptions: Sendable {
    public var dryRun = false
    /// nil: detect.
    public var encoding: SourceEncoding?
    /// nil: detect from the header line.
    public var delimiter: UInt8?
    public var dateOrder: DateOrder = .auto
    /// nil: one bad row rejects the file.
    public var maxErrors: Int?
    public var rejectsPath: String?

    public init() {}
}
