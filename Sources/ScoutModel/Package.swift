/// One package found inside an image.
public struct Package: Sendable, Hashable, Codable {
    public var type: PackageType
    public var name: String
    public var version: String
    /// The source package advisories are keyed on (dpkg `Source:`, apk origin, source RPM).
    public var sourceName: String?
    /// The source package's version when it differs from `version` (dpkg `Source: name (version)`).
    public var sourceVersion: String?
    public var purl: String
    public var licenses: [String]
    /// diffID of the layer that introduced this package (as it is in the final image).
    public var layerDiffID: String?
    /// In-image paths the package was found at (no leading slash).
    public var locations: [String]
    /// The cataloger that found it, kebab-case and stable (`dpkg-db-cataloger`).
    public var cataloger: String
    public var architecture: String?

    public init(
        type: PackageType, name: String, version: String,
        sourceName: String? = nil, sourceVersion: String? = nil,
        purl: String, licenses: [String] = [], layerDiffID: String? = nil,
        locations: [String] = [], cataloger: String, architecture: String? = nil
    ) {
        self.type = type
        self.name = name
        self.version = version
        self.sourceName = sourceName
        self.sourceVersion = sourceVersion
        self.purl = purl
        self.licenses = licenses
        self.layerDiffID = layerDiffID
        self.locations = locations
        self.cataloger = cataloger
        self.architecture = architecture
    }

    /// The name advisories use for this package: the source package when there is one.
    public var matchName: String { sourceName ?? name }
    /// The version advisories compare against: the source version when there is one.
    public var matchVersion: String { sourceVersion ?? version }
}
