import Foundation
import JSONText
import ScoutModel

/// An OpenVEX document (openvex.dev, spec v0.2.0 and the earlier v0.0.x shape): statements that say
/// whether products are affected by vulnerabilities.
public struct OpenVEXDocument: Sendable, Hashable {
    /// One statement, flattened.
    public struct Statement: Sendable, Hashable {
        /// The vulnerability's name and aliases.
        public var vulnerabilityIDs: [String]
        /// Product identifiers (`@id`, `identifiers.purl`): purls or image references.
        public var products: [String]
        /// Subcomponent identifiers (purls of packages inside the products).
        public var subcomponents: [String]
        /// `not_affected`, `affected`, `fixed`, `under_investigation`.
        public var status: String
        public var justification: String?
        public var impactStatement: String?
        /// The statement's own timestamp, else the document's.
        public var timestamp: String?
    }

    /// Where it was read from (a path, or `image:/path` for a document inside an image).
    public var source: String
    public var statements: [Statement]

    /// The statuses that suppress a finding.
    public static let suppressingStatuses: Set<String> = ["not_affected", "fixed"]

    public static func decode(_ data: Data, source: String) throws(ImportError) -> OpenVEXDocument {
        let value = try JSONValue.parseJSON(data, path: source)
        guard value.members != nil, let list = value["statements"] else {
            throw ImportError(path: source, reason: .malformed("no 'statements' array (not an OpenVEX document)"))
        }
        let items = list.array ?? []
        let documentTime = value["timestamp"]?.string
        var statements: [Statement] = []
        for (position, item) in items.enumerated() {
            var ids: [String] = []
            if let name = item["vulnerability"]?.string {
                ids.append(name)
            } else if let vulnerability = item["vulnerability"] {
                if let name = vulnerability["name"]?.string { ids.append(name) }
                if let id = vulnerability["@id"]?.string { ids.append(id) }
                ids += vulnerability["aliases"]?.strings ?? []
            }
            guard !ids.isEmpty else {
                throw ImportError(path: source, reason: .malformed("statements[\(position)] names no vulnerability"))
            }
            guard let status = item["status"]?.string else {
                throw ImportError(path: source, reason: .malformed("statements[\(position)] has no 'status'"))
            }
            var products: [String] = []
            var subcomponents: [String] = (item["subcomponents"]?.array ?? []).flatMap(identifiers)
            for product in item["products"]?.array ?? [] {
                products += identifiers(product)
                subcomponents += (product["subcomponents"]?.array ?? []).flatMap(identifiers)
            }
            statements.append(Statement(
                vulnerabilityIDs: ids, products: products, subcomponents: subcomponents, status: status,
                justification: item["justification"]?.string,
                impactStatement: item["impact_statement"]?.string ?? item["status_notes"]?.string,
                timestamp: item["timestamp"]?.string ?? item["last_updated"]?.string ?? documentTime))
        }
        return OpenVEXDocument(source: source, statements: statements)
    }

    /// A product or subcomponent: a bare string (v0.0.x) or an object with `@id` and `identifiers`.
    private static func identifiers(_ value: JSONValue) -> [String] {
        if let text = value.string { return [text] }
        var ids: [String] = []
        if let id = value["@id"]?.string { ids.append(id) }
        if let identifiers = value["identifiers"]?.object {
            for key in identifiers.keys.sorted() { if let text = identifiers[key]?.string { ids.append(text) } }
        }
        return ids
    }
}
