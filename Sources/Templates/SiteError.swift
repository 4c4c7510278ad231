/// Why the site could not be rendered or published.
public struct SiteError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// A template does not parse: the file and the position are in the error.
        case templateSyntax
        /// A page needs a template that is neither embedded nor in the override directory.
        case missingTemplate
        /// The templates directory or a file in it cannot be read.
        case unreadableTemplates
        /// The output directory does not exist or is not empty.
        case outputNotEmpty
        /// Writing a page or an asset failed.
        case writeFailed
        /// The finished site could not be moved into place.
        case publishFailed
    }

    public var reason: Reason
    /// The file concerned: a template path relative to the templates root, or an output path.
    public var path: String
    /// 1-based line and column of a template syntax error.
    public var line: Int?
    public var column: Int?
    /// The cause in a few words.
    public var detail: String

    public init(reason: Reason, path: String, line: Int? = nil, column: Int? = nil, detail: String) {
        self.reason = reason
        self.path = path
        self.line = line
        self.column = column
        self.detail = detail
    }

    public var description: String {
        switch reason {
        case .templateSyntax:
            return "Failed to parse template '\(path)' at line \(line ?? 0), column \(column ?? 0): \(detail)."
        case .missingTemplate:
            return "Failed to find template '\(path)': \(detail)."
        case .unreadableTemplates:
            return "Failed to read templates from '\(path)': \(detail)."
        case .outputNotEmpty:
            return "Failed to render the site into '\(path)': \(detail)."
        case .writeFailed:
            return "Failed to write '\(path)': \(detail)."
        case .publishFailed:
            return "Failed to publish the site at '\(path)': \(detail)."
        }
    }
}
