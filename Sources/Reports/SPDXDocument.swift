/// The part of SPDX 2.3 JSON that `SPDXReport` writes, as `Encodable` values.
struct SPDXDocument: Encodable {
    var spdxVersion = "SPDX-2.3"
    var dataLicense = "CC0-1.0"
    var SPDXID = "SPDXRef-DOCUMENT"
    var name: String
    var documentNamespace: String
    var creationInfo: CreationInfo
    var packages: [Package]
    var relationships: [Relationship]

    struct CreationInfo: Encodable {
        var created: String
        var creators: [String]
    }

    struct Package: Encodable {
        var SPDXID: String
        var name: String
        var versionInfo: String?
        var downloadLocation = "NOASSERTION"
        var filesAnalyzed = false
        var licenseConcluded = "NOASSERTION"
        var licenseDeclared = "NOASSERTION"
        var licenseComments: String?
        var copyrightText = "NOASSERTION"
        var sourceInfo: String?
        var primaryPackagePurpose: String?
        var checksums: [Checksum]?
        var externalRefs: [ExternalRef]?
        var comment: String?
        /// Only on the image of an incomplete analysis: one per layer or file that could not be read.
        var annotations: [Annotation]? = nil
    }

    struct Annotation: Encodable {
        var annotationDate: String
        var annotationType: String
        var annotator: String
        var comment: String
    }

    struct Checksum: Encodable {
        var algorithm: String
        var checksumValue: String
    }

    struct ExternalRef: Encodable {
        var referenceCategory: String
        var referenceType: String
        var referenceLocator: String
        var comment: String?
    }

    struct Relationship: Encodable {
        var spdxElementId: String
        var relatedSpdxElement: String
        var relationshipType: String
    }
}
