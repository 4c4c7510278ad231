import Foundation
@testable import ImageSource
@testable import Pipeline
import ScoutModel
import Testing

@Suite struct RegistryUnitTests {
    @Test func parsesDockerHubAndDistributionChallenges() {
        let hub = AuthChallenge.parse(#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull""#)
        #expect(hub == [AuthChallenge(scheme: "bearer", parameters: [
            "realm": "https://auth.docker.io/token", "service": "registry.docker.io", "scope": "repository:library/alpine:pull"])])
        let two = AuthChallenge.parse(#"Basic realm="test realm", Bearer realm="http://x/token",error="invalid_token""#)
        #expect(two.map(\.scheme) == ["basic", "bearer"])
        #expect(two[0].parameters == ["realm": "test realm"])
        #expect(two[1].parameters["error"] == "invalid_token")
        #expect(AuthChallenge.parse(#"Bearer realm="a\"b""#).first?.parameters["realm"] == #"a"b"#)
        #expect(AuthChallenge.parse("").isEmpty)
    }

    @Test func followsLinkPagination() {
        #expect(LinkHeader.next(#"</v2/_catalog?last=b&n=2>; rel="next""#) == "/v2/_catalog?last=b&n=2")
        #expect(LinkHeader.next(#"<https://r/v2/x/tags/list?n=1&last=a>; rel=next"#) == "https://r/v2/x/tags/list?n=1&last=a")
        #expect(LinkHeader.next(#"</a>; rel="prev""#) == nil)
        #expect(LinkHeader.next(nil) == nil)
    }

    @Test func selectsTagsWithGlobs() {
        let tags = ["1.0", "1.1", "1.1-rc1", "2.0", "latest", "sha-abc"]
        #expect(TagSelection(include: ["1.*"]).filter(tags) == ["1.0", "1.1", "1.1-rc1"])
        #expect(TagSelection(include: ["1.*"], exclude: ["*-rc*"]).filter(tags) == ["1.0", "1.1"])
        #expect(TagSelection(include: ["{latest,2.?}"]).filter(tags) == ["2.0", "latest"])
        #expect(TagSelection(exclude: ["sha-*"]).filter(tags) == ["1.0", "1.1", "1.1-rc1", "2.0", "latest"])
        #expect(TagSelection.glob("*", matches: ""))
        #expect(!TagSelection.glob("1.?", matches: "1.10"))
    }

    @Test func parsesRegistryReferences() throws {
        let local = try #require(RegistryReference(parsing: "127.0.0.1:5000/team/app:1.2"))
        #expect(local.authority == "127.0.0.1:5000" && local.repository == "team/app" && local.reference == "1.2")
        #expect(RegistryReference(parsing: "docker.io/alpine")?.repository == "library/alpine")
        #expect(RegistryReference(parsing: "docker.io/alpine")?.reference == "latest")
        let digest = "sha256:" + String(repeating: "ab", count: 32)
        #expect(RegistryReference(parsing: "r.example/x@\(digest)")?.isDigest == true)
        #expect(RegistryReference(parsing: "r.example/x@sha256:short") == nil)
        #expect(RegistryReference(parsing: "r.example/UPPER:1") == nil)
        #expect(RegistryReference(parsing: "hostonly") == nil)
        #expect(try ImageReference(parsing: "registry://localhost:5000/alpine:3.10") == .registry(RegistryReference(parsing: "localhost:5000/alpine:3.10")!))
        #expect(try ImageReference(parsing: "registry://localhost:5000/alpine:3.10").description == "registry://localhost:5000/alpine:3.10")
    }

    @Test func usesHTTPOnlyForLoopbackOrWhenInsecure() throws {
        #expect(try RegistryEndpoint(url: "registry.example.com").scheme == "https")
        #expect(try RegistryEndpoint(url: "127.0.0.1:5000").scheme == "http")
        #expect(try RegistryEndpoint(url: "localhost:5000").scheme == "http")
        #expect(try RegistryEndpoint(url: "https://localhost:5000").scheme == "https")
        #expect(try RegistryEndpoint(url: "docker.io").host == "registry-1.docker.io")
        #expect(throws: RegistryError.self) { try RegistryEndpoint(url: "http://registry.example.com") }
        #expect(try RegistryEndpoint(url: "http://registry.example.com", insecure: true).scheme == "http")
        #expect(throws: RegistryError.self) { try RegistryEndpoint(url: "host:99999") }
        #expect(throws: RegistryError.self) { try RegistryEndpoint(url: "https://user:pw@host") }
    }

    @Test func honoursRetryAfter() {
        let policy = RetryPolicy(maxAttempts: 3, baseDelay: 0.5, maxDelay: 10)
        #expect(policy.delay(afterAttempt: 1, retryAfter: "2") == 2)
        #expect(policy.delay(afterAttempt: 1, retryAfter: "600") == 10)
        let now = Date(timeIntervalSince1970: 1_000_000)
        #expect(RetryPolicy.parseRetryAfter("Mon, 12 Jan 1970 13:46:45 GMT", now: now) == 5)
        #expect((0.4...0.6).contains(policy.delay(afterAttempt: 1, retryAfter: nil)))
        #expect((0.8...1.2).contains(policy.delay(afterAttempt: 2, retryAfter: nil)))
        #expect(RetryPolicy.isRetryable(status: 429) && RetryPolicy.isRetryable(status: 503) && !RetryPolicy.isRetryable(status: 404))
        #expect(BlobStreamState.contentRange("bytes 0-99/2610")! == (0, 99, 2610))
        #expect(BlobStreamState.contentRange("bytes 5-9/*")! == (5, 9, nil))
    }

    @Test func credentialsNeverAppearInDescriptions() throws {
        let credentials = RegistryCredentials(username: "me", secret: .password("hunter2"), origin: "environment variables U/P")
        #expect(credentials.description == "credentials from environment variables U/P")
        #expect("\(credentials)".contains("hunter2") == false)
        #expect(CredentialResolver.authority(ofKey: "https://index.docker.io/v1/") == "index.docker.io")
        #expect(CredentialResolver.authority(ofKey: "http://127.0.0.1:5000") == "127.0.0.1:5000")
    }

    @Test func readsRegistriesAndRegistryRepositoriesFromTheConfig() throws {
        let config = try ConfigLoader.parse("""
            registries:
              - name: hub
                url: docker.io
                username-env: HUB_USER
                password-env: HUB_TOKEN
                max-concurrent-downloads: 2
                max-concurrent-requests: 3
            repositories:
              - name: library/alpine
                registry: hub
                tags:
                  include: ["3.*"]
                  exclude: ["*-rc*"]
                  newest: 2
                platforms: [linux/amd64, linux/arm64/v8]
              - name: mine
                registry: hub
                repository: team/mine
                tags: [latest]
            """, file: "/etc/scout.yml")
        #expect(config.registries.map(\.name) == ["hub"])
        #expect(config.registries[0].usernameVariable == "HUB_USER" && config.registries[0].maxConcurrentDownloads == 2)
        #expect(config.registries[0].maxConcurrentRequests == 3)
        let alpine = config.repositories[0]
        #expect(alpine.registry == "hub" && alpine.tags == TagSelection(include: ["3.*"], exclude: ["*-rc*"], newest: 2))
        #expect(alpine.platforms == [Platform(os: "linux", architecture: "amd64"), Platform(os: "linux", architecture: "arm64", variant: "v8")])
        #expect(config.repositories[1].registryPath == "team/mine" && config.repositories[1].tags.include == ["latest"])
    }

    @Test func configErrorsNameTheLine() {
        func error(_ text: String) -> ConfigError? {
            do {
                _ = try ConfigLoader.parse(text, file: "/etc/scout.yml")
                return nil
            } catch {
                return error as? ConfigError
            }
        }
        let unknown = error("registries:\n  - name: a\n    url: r.example\n    pasword-env: X\n")
        #expect(unknown?.line == 4 && unknown?.description.contains("did you mean 'password-env'") == true)
        let missing = error("registries: []\nrepositories:\n  - name: a\n    registry: nowhere\n")
        #expect(missing?.line == 4 && missing?.description.contains("'registry' is 'nowhere'") == true)
        let both = error("registries:\n  - name: r\n    url: r.example\nrepositories:\n  - name: a\n    registry: r\n    images: []\n")
        #expect(both?.line == 7)
        let plain = error("registries:\n  - name: r\n    url: http://r.example\n")
        #expect(plain?.line == 3 && plain?.description.contains("insecure") == true)
        let tagKey = error("registries:\n  - name: r\n    url: r.example\nrepositories:\n  - name: a\n    registry: r\n    tags:\n      newset: 3\n")
        #expect(tagKey?.line == 8 && tagKey?.description.contains("did you mean 'newest'") == true)
    }
}
