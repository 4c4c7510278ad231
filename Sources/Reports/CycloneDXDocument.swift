/// The part of CycloneDX 1.6 JSON that `CycloneDXReport` writes, as `Encodable` values.
struct CycloneDXDocument: Encodable {
    var schema = "http://cyclonedx.org/schema/bom-1.6.schema.json"
    var bomFormat = "CycloneDX"
    var specVersion = "1.6"
    var serialNumber: String
    var version = 1
    var metadata: Metadata
    var components: [Component]
    var dependencies: [Dependency]
    var vulnerabilities: [Vulnerability]?
    /// Only for an incomplete image: its inventory is declared incomplete, with one annotation per reason.
    var compositions: [Composition]? = nil
    var annotations: [Annotation]? = nil

    enum CodingKeys: String, CodingKey {
        case schema = "$schema"
        case bomFormat, specVersion, serialNumber, version, metadata, components, dependencies, vulnerabilities
        case compositions, annotations
    }

    struct Composition: Encodable {
        var aggregate: String
        var assemblies: [String]
    }

    struct Annotation: Encodable {
        var subjects: [String]
        var annotator: Annotator
        var timestamp: String
        var text: String
    }

    struct Annotator: Encodable {
        var component: Component
    }

    struct Metadata: Encodable {
        var tools: Tools
        var component: Component
        var properties: [Property]?
    }

    struct Tools: Encodable {
        var components: [Component]
    }

    struct Component: Encodable {
        var type: String
        var bomRef: String?
        var name: String
        var version: String?
        var description: String?
        var licenses: [LicenseChoice]?
        var purl: String?
        var properties: [Property]?

        enum CodingKeys: String, CodingKey {
            case type, bomRef = "bom-ref", name, version, description, licenses, purl, properties
        }
    }

    struct LicenseChoice: Encodable {
        var license: License
    }

    struct License: Encodable {
        var name: String
    }

    struct Property: Encodable {
        var name: String
        var value: String
    }

    struct Dependency: Encodable {
        var ref: String
        var dependsOn: [String]
    }

    struct Vulnerability: Encodable {
        var bomRef: String
        var id: String
        var source: Source?
        var references: [Reference]?
        var ratings: [Rating]
        var description: String?
        var detail: String?
        var recommendation: String?
        var advisories: [Advisory]?
        var affects: [Affect]
        var properties: [Property]?

        enum CodingKeys: String, CodingKey {
            case bomRef = "bom-ref", id, source, references, ratings, description, detail, recommendation
            case advisories, affects, properties
        }
    }

    struct Source: Encodable {
        var name: String
        var url: String?
    }

    struct Reference: Encodable {
        var id: String
        var source: Source
    }

    struct Rating: Encodable {
        var source: Source?
        var score: Double?
        var severity: String
        var method: String?
        var vector: String?
    }

    struct Advisory: Encodable {
        var url: String
    }

    struct Affect: Encodable {
        var ref: String
        var versions: [AffectedVersion]
    }

    struct AffectedVersion: Encodable {
        var version: String
        var status: String
    }
}
