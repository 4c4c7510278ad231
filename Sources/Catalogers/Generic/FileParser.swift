import ScoutModel

/// One package-database file as it is in the final (or an intermediate) filesystem view.
public struct DatabaseFile: Sendable, Hashable {
    /// In-image path, no leading slash: `var/lib/dpkg/status`.
    public var path: String
    public var content: [UInt8]

    public init(path: String, content: [UInt8]) {
        self.path = path
        self.content = content
    }

    /// The content as text (invalid UTF-8 replaced).
    public var text: String { String(decoding: content, as: UTF8.self) }
}

/// What a parser may need besides the file: the distribution, for purl qualifiers, and the other
/// wanted files of the same filesystem view (a cataloger's companions, such as a wheel's `direct_url.json`).
public struct CatalogContext: Sendable, Hashable {
    public var os: OSRelease?
    /// Every wanted file of the filesystem view, by in-image path.
    public var files: [String: [UInt8]]
    /// What archive readers may still inflate for this image (shared by every file of one image).
    public var inflateBudget: InflateBudget

    public init(os: OSRelease?, files: [String: [UInt8]] = [:], inflateBudget: InflateBudget = InflateBudget()) {
        self.os = os
        self.files = files
        self.inflateBudget = inflateBudget
    }
}

/// The signature every ecosystem parser follows (as syft's `generic.Parser`).
public typealias FileParser = @Sendable (_ file: DatabaseFile, _ context: CatalogContext) throws(CatalogError) -> [Package]

/// Binds a path rule to a parser under a stable cataloger name.
public struct FileCataloger: Sendable {
    /// Kebab-case and stable, stored with every package: `dpkg-db-cataloger`.
    public var name: String
    /// Whether this cataloger reads the file at `path`.
    public var matches: @Sendable (String) -> Bool
    public var parse: FileParser
    /// Files the parser may read through `CatalogContext.files` that are not package databases themselves.
    public var companions: @Sendable (String) -> Bool
    /// Whether the parser reads companions, so its result depends on the file's place, not only its bytes.
    public var readsCompanions: Bool

    public init(name: String, matches: @escaping @Sendable (String) -> Bool, parse: @escaping FileParser,
                companions: (@Sendable (String) -> Bool)? = nil) {
        self.name = name
        self.matches = matches
        self.parse = parse
        self.companions = companions ?? { _ in false }
        self.readsCompanions = companions != nil
    }
}

/// Why a database file could not be parsed.
public struct CatalogError: Error, CustomStringConvertible, Sendable, Hashable {
    public enum Reason: Sendable, Hashable {
        /// A line that fits no field syntax.
        case malformedLine(line: Int, String)
        /// The file is not text.
        case notText
        /// A binary format (RPM header, database page, ELF, Go build info, …) is broken: what and where.
        case malformedBinary(String)
        /// The content is not valid `format` (JSON, a zip archive, …): `detail` says where or why.
        case malformed(format: String, detail: String)
        /// A field every entry needs is missing.
        case missingField(String)
    }

    public var reason: Reason
    /// In-image path of the file.
    public var path: String

    public init(_ reason: Reason, path: String) {
        self.reason = reason
        self.path = path
    }

    public var description: String {
        switch reason {
        case .malformedLine(let line, let text):
            "Failed to parse '\(path)': line \(line) is not a 'Field: value' line ('\(text.prefix(60))')."
        case .notText:
            "Failed to parse '\(path)': the file is not text."
        case .malformedBinary(let detail):
            "Failed to parse '\(path)': \(detail)."
        case .malformed(let format, let detail):
            "Failed to parse '\(path)': it is not valid \(format) (\(detail))."
        case .missingField(let field):
            "Failed to parse '\(path)': it has no '\(field)' field."
        }
    }
}
