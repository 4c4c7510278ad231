/// Who owns an image: a team, optionally with a contact (`#payments-oncall`, `payments@example.com`).
public struct Owner: Sendable, Hashable, Codable {
    public var team: String
    public var contact: String?

    public init(team: String, contact: String? = nil) {
        self.team = team
        self.contact = contact
    }
}
