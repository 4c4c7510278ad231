/// The part of GitLab's container scanning report that `GitLabReport` writes.
struct GitLabDocument: Encodable {
    var version: String
    var scan: Scan
    var vulnerabilities: [Vulnerability]
    var remediations: [String] = []

    struct Scan: Encodable {
        var analyzer: Component
        var scanner: Component
        var type: String
        var startTime: String
        var endTime: String
        var status: String
        /// Only for an incomplete image (status `failure`): why.
        var messages: [Message]? = nil

        enum CodingKeys: String, CodingKey {
            case analyzer, scanner, type, status, messages
            case startTime = "start_time", endTime = "end_time"
        }
    }

    struct Message: Encodable {
        var level: String
        var value: String
    }

    struct Component: Encodable {
        var id: String
        var name: String
        var version: String
        var vendor: Vendor
    }

    struct Vendor: Encodable {
        var name: String
    }

    struct Vulnerability: Encodable {
        var id: String
        var name: String
        var description: String
        var severity: String
        var solution: String?
        var identifiers: [Identifier]
        var links: [Link]
        var location: Location
    }

    struct Identifier: Encodable {
        var type: String
        var name: String
        var value: String
        var url: String
    }

    struct Link: Encodable {
        var url: String
    }

    struct Location: Encodable {
        var dependency: Dependency
        var operatingSystem: String
        var image: String

        enum CodingKeys: String, CodingKey {
            case dependency, image
            case operatingSystem = "operating_system"
        }
    }

    struct Dependency: Encodable {
        var package: PackageName
        var version: String
    }

    struct PackageName: Encodable {
        var name: String
    }
}
