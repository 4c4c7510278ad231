/// The part of SARIF 2.1.0 that `SARIFReport` writes, as `Codable` values.
struct SARIFDocument: Encodable {
    var schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    var version = "2.1.0"
    var runs: [Run]

    enum CodingKeys: String, CodingKey {
        case schema = "$schema"
        case version, runs
    }

    struct Run: Encodable {
        var tool: Tool
        var results: [Result]
        var columnKind = "utf16CodeUnits"
        var properties: [String: String]
        /// Only when the image is incomplete: an unsuccessful invocation whose notifications say why.
        var invocations: [Invocation]? = nil
    }

    struct Invocation: Encodable {
        var executionSuccessful: Bool
        var toolExecutionNotifications: [Notification]
    }

    struct Notification: Encodable {
        var level: String
        var message: Message
    }

    struct Tool: Encodable {
        var driver: Driver
    }

    struct Driver: Encodable {
        var name: String
        var fullName: String
        var version: String
        var rules: [Rule]
    }

    struct Rule: Encodable {
        var id: String
        var name: String
        var shortDescription: Message
        var fullDescription: Message
        var defaultConfiguration: Configuration
        var helpUri: String
        var help: Help
        var properties: RuleProperties
    }

    struct Message: Encodable {
        var text: String
    }

    struct Configuration: Encodable {
        var level: String
    }

    struct Help: Encodable {
        var text: String
        var markdown: String
    }

    struct RuleProperties: Encodable {
        var securitySeverity: String?
        var tags: [String]
        var precision = "very-high"

        enum CodingKeys: String, CodingKey {
            case securitySeverity = "security-severity"
            case tags, precision
        }
    }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
    }

    struct Location: Encodable {
        var physicalLocation: PhysicalLocation
    }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
    }

    struct ArtifactLocation: Encodable {
        var uri: String
    }
}
