import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Answers `WWW-Authenticate` challenges: Basic with the credentials, or Bearer tokens fetched from the
/// realm for each scope (anonymously or with the credentials) and fetched again when they expire.
final class RegistryAuthenticator: @unchecked Sendable {
    private struct Token {
        var header: String
        var expires: Date
    }

    private struct TokenAnswer: Decodable {
        var token: String?
        var access_token: String?
        var expires_in: Double?
        var issued_at: String?
    }

    let endpoint: RegistryEndpoint
    private let resolver: CredentialResolver
    private let lock = NSLock()
    private var resolved = false
    private var credentials: RegistryCredentials?
    private var tokens: [String: Token] = [:]
    private var bearer: AuthChallenge?
    /// Every token value obtained, kept to redact a registry's echo of an expired one.
    private var issuedTokens: [String] = []
    private var basic = false
    /// A token is fetched again this long before it expires.
    private let margin: TimeInterval = 10

    init(endpoint: RegistryEndpoint, resolver: CredentialResolver) {
        self.endpoint = endpoint
        self.resolver = resolver
    }

    /// The credentials, looked up once.
    func currentCredentials() throws(RegistryError) -> RegistryCredentials? {
        lock.lock()
        defer { lock.unlock() }
        if !resolved {
            credentials = try resolver.credentials(for: endpoint)
            resolved = true
        }
        return credentials
    }

    var hasCredentials: Bool { (try? currentCredentials()) != nil }

    /// The `Authorization` value to send for `scope` now, refreshing an expired token first.
    func authorization(scope: String, client: RegistryClient) throws(RegistryError) -> String? {
        lock.lock()
        let isBasic = basic
        let token = tokens[scope]
        let challenge = bearer
        lock.unlock()
        if isBasic { return try currentCredentials()?.basicAuthorization }
        if let token, token.expires > Date() { return token.header }
        guard let challenge else { return nil }
        return try fetchToken(challenge: challenge, scope: scope, client: client)
    }

    /// Takes a 401's challenges into account; returns the header to retry with.
    func respond(to header: String?, scope: String, client: RegistryClient) throws(RegistryError) -> String {
        let challenges = AuthChallenge.parse(header ?? "")
        if let challenge = challenges.first(where: { $0.scheme == "bearer" }) {
            lock.lock()
            bearer = challenge
            basic = false
            lock.unlock()
            return try fetchToken(challenge: challenge, scope: scope, client: client)
        }
        if challenges.contains(where: { $0.scheme == "basic" }) {
            guard let authorization = try currentCredentials()?.basicAuthorization else {
                throw RegistryError(.unauthorized(status: 401, hadCredentials: hasCredentials), registry: endpoint.name, operation: "authenticate")
            }
            lock.lock()
            basic = true
            lock.unlock()
            return authorization
        }
        throw RegistryError(.authentication("the registry answered 401 without a Basic or Bearer challenge"), registry: endpoint.name, operation: "authenticate")
    }

    private func fetchToken(challenge: AuthChallenge, scope: String, client: RegistryClient) throws(RegistryError) -> String {
        guard let realm = challenge.parameters["realm"], var components = URLComponents(string: realm),
              let scheme = components.scheme?.lowercased(), scheme == "https" || scheme == "http" else {
            throw RegistryError(.authentication("the Bearer challenge has no usable realm"), registry: endpoint.name, operation: "authenticate")
        }
        let credentials = try currentCredentials()
        if scheme == "http", credentials != nil, !Self.mayReceiveCredentialsOverHTTP(realmHost: components.host, endpoint: endpoint) {
            throw RegistryError(.authentication("the token realm '\(components.host ?? "")' is plain http on another host than the registry; credentials are sent to a token realm only over https (or over http to the loopback registry itself)"), registry: endpoint.name, operation: "authenticate")
        }
        var scopes = scope.isEmpty ? [] : [scope]
        if let offered = challenge.parameters["scope"], !offered.isEmpty, offered != scope { scopes.append(offered) }
        var request: URLRequest
        if case .identityToken(let refresh)? = credentials?.secret {
            guard let url = components.url else {
                throw RegistryError(.authentication("the token realm is not a URL"), registry: endpoint.name, operation: "authenticate")
            }
            request = URLRequest(url: url)
            request.httpMethod = "POST"
            var form = URLComponents()
            form.queryItems = [URLQueryItem(name: "grant_type", value: "refresh_token"),
                               URLQueryItem(name: "refresh_token", value: refresh),
                               URLQueryItem(name: "client_id", value: "scout-report"),
                               URLQueryItem(name: "scope", value: scopes.joined(separator: " "))]
                + (challenge.parameters["service"].map { [URLQueryItem(name: "service", value: $0)] } ?? [])
            request.httpBody = Data((form.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B").utf8)
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        } else {
            var items = components.queryItems ?? []
            if let service = challenge.parameters["service"] { items.append(URLQueryItem(name: "service", value: service)) }
            for scope in scopes { items.append(URLQueryItem(name: "scope", value: scope)) }
            if let user = credentials?.username, !user.isEmpty { items.append(URLQueryItem(name: "account", value: user)) }
            components.queryItems = items
            guard let url = components.url else {
                throw RegistryError(.authentication("the token realm is not a URL"), registry: endpoint.name, operation: "authenticate")
            }
            request = URLRequest(url: url)
            if let basic = credentials?.basicAuthorization { request.setValue(basic, forHTTPHeaderField: "Authorization") }
        }
        let (response, body) = try client.sendTokenRequest(request)
        switch response.statusCode {
        case 200..<300: break
        case 401, 403:
            throw RegistryError(.unauthorized(status: response.statusCode, hadCredentials: credentials != nil), registry: endpoint.name, operation: "obtain a token")
        default:
            throw RegistryError(.unexpectedStatus(response.statusCode, "from the token service"), registry: endpoint.name, operation: "obtain a token")
        }
        guard let answer = try? JSONDecoder().decode(TokenAnswer.self, from: body),
              let value = answer.token ?? answer.access_token, !value.isEmpty else {
            throw RegistryError(.authentication("the token service's answer holds no token"), registry: endpoint.name, operation: "obtain a token")
        }
        let issued = answer.issued_at.flatMap(Self.parseDate) ?? Date()
        let lifetime = max(answer.expires_in ?? 60, 1)
        // A clock-skewed issued_at must not make a fresh token look expired.
        let base = min(max(issued, Date().addingTimeInterval(-lifetime)), Date())
        let expires = base.addingTimeInterval(max(lifetime - margin, lifetime / 2))
        let header = "Bearer " + value
        lock.lock()
        tokens[scope] = Token(header: header, expires: expires)
        if issuedTokens.count < 1000 { issuedTokens.append(value) }
        lock.unlock()
        return header
    }

    /// A plain-http token realm may receive the credentials only when it is the registry's own
    /// loopback host (a port-forward or a local mirror); any other host over http would read them.
    static func mayReceiveCredentialsOverHTTP(realmHost: String?, endpoint: RegistryEndpoint) -> Bool {
        guard let realmHost else { return false }
        let host = realmHost.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        let registry = endpoint.host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return host == registry && RegistryEndpoint.isLoopback(host)
    }

    /// Every secret this client sends: the password or identity token, the Basic header's base64 and
    /// each token obtained (current and expired).
    func secrets() -> [String] {
        lock.lock()
        let tokenValues = tokens.values.map { String($0.header.dropFirst("Bearer ".count)) } + issuedTokens
        let known = resolved ? credentials : nil
        lock.unlock()
        var values = tokenValues
        if let known {
            switch known.secret {
            case .password(let password): values.append(password)
            case .identityToken(let token): values.append(token)
            }
            if let basic = known.basicAuthorization { values.append(String(basic.dropFirst("Basic ".count))) }
        }
        return values.filter { $0.count >= 4 }
    }

    /// Forgets a scope's token (the registry refused it before its announced expiry).
    func invalidate(scope: String) {
        lock.lock()
        tokens[scope] = nil
        lock.unlock()
    }

    static func parseDate(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
