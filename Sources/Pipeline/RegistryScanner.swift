import Foundation
import ImageSource
import ScoutModel
import Store

/// Reads one registry-backed repository: lists its tags, keeps those the selection wants, resolves
/// each to a digest per platform with a HEAD request, and analyses only digests not already stored.
struct RegistryScanner {
    /// What scanning one repository did.
    struct Result {
        var analysed = 0
        var cached = 0
        var failed = 0
        var warnings: [ScanWarning] = []
    }

    /// One tag × platform that the selection kept.
    private struct Candidate {
        var tag: String
        var platform: Platform
        var manifestDigest: String
        var created: String?
        /// Opened while resolving (a digest seen for the first time), so it is not fetched twice.
        var image: RegistryImage?
    }

    let store: ScoutStore
    let analyzer: ImageAnalyzer
    let clock: Clock
    let log: @Sendable (String) -> Void

    /// Scans `name` (registry path `path`) of `client`'s registry. Only store errors are thrown.
    func scan(name: String, path: String, client: RegistryClient, selection: TagSelection, platforms: [Platform]) throws(StoreError) -> Result {
        var result = Result()
        let registry = client.endpoint.name
        let tags: [String]
        do {
            tags = try client.tags(of: path)
        } catch {
            result.failed += 1
            result.warnings.append(ScanWarning(subject: name, message: error.description))
            log("Skipped \(name): \(error)")
            return result
        }
        var candidates: [Candidate] = []
        for tag in selection.filter(tags) {
            do {
                candidates += try resolve(tag: tag, path: path, client: client, platforms: platforms, name: name, result: &result)
            } catch let error as StoreError {
                throw error
            } catch let error as RegistryError {
                if case .notFound = error.reason {
                    // Deleted between the listing and now: nothing to analyse, nothing failed.
                    let message = "Tag '\(tag)' of '\(path)' on registry '\(registry)' disappeared after it was listed; skipped."
                    result.warnings.append(ScanWarning(subject: "\(name):\(tag)", message: message))
                    log(message)
                } else {
                    result.failed += 1
                    result.warnings.append(ScanWarning(subject: "\(name):\(tag)", message: error.description))
                    log("Skipped \(name):\(tag): \(error)")
                }
            } catch {
                result.failed += 1
                result.warnings.append(ScanWarning(subject: "\(name):\(tag)", message: String(describing: error)))
            }
        }
        for candidate in Self.newest(candidates, count: selection.newest) {
            let recordedTag = platforms.count > 1 ? "\(candidate.tag) (\(candidate.platform))" : candidate.tag
            let source = "registry://\(client.endpoint.authority)/\(path):\(candidate.tag)"
            do {
                // A stored digest costs one indexed count, not a read of its SBOM (nor of any other).
                let cached: Bool
                let packageCount: Int
                if let count = try store.storedPackageCount(digest: candidate.manifestDigest) {
                    (cached, packageCount) = (true, count)
                } else {
                    let image = try candidate.image ?? RegistryImage.open(client: client, repository: path, reference: candidate.manifestDigest, platform: candidate.platform)
                    let outcome = try analyzer.analyse(handle: image, source: source)
                    (cached, packageCount) = (outcome.cached, outcome.sbom.packages.count)
                }
                try store.recordTag(repository: name, tag: recordedTag, digest: candidate.manifestDigest, source: source, at: clock.now())
                if cached { result.cached += 1 } else { result.analysed += 1 }
                log("\(cached ? "Cached" : "Analysed") \(name):\(recordedTag) \(candidate.manifestDigest.shortDigest), \(packageCount) packages")
            } catch let error as StoreError {
                throw error
            } catch {
                result.failed += 1
                result.warnings.append(ScanWarning(subject: "\(name):\(recordedTag)", message: String(describing: error)))
                log("Skipped \(name):\(recordedTag): \(error)")
            }
        }
        return result
    }

    /// The manifest digest of `tag` for each platform: from the store when its tag digest was seen
    /// before (one HEAD request), else from the registry (index, manifest and config, recorded).
    private func resolve(tag: String, path: String, client: RegistryClient, platforms: [Platform], name: String, result: inout Result) throws -> [Candidate] {
        let tagDigest = try client.resolveDigest(repository: path, reference: tag)
        var candidates: [Candidate] = []
        var missing: [Platform] = []
        for platform in platforms {
            if let known = try store.resolvedManifest(tagDigest: tagDigest, platform: platform.description) {
                candidates.append(Candidate(tag: tag, platform: platform, manifestDigest: known.manifestDigest, created: known.created))
            } else {
                missing.append(platform)
            }
        }
        guard !missing.isEmpty else { return candidates }
        var problems: [String] = []
        for resolution in try RegistryImage.resolve(client: client, repository: path, reference: tagDigest, platforms: missing) {
            guard let image = resolution.image else {
                problems.append(resolution.problem ?? "no image for \(resolution.platform)")
                continue
            }
            let resolved = ResolvedManifest(manifestDigest: image.metadata.manifestDigest, created: image.metadata.created)
            try store.recordResolvedManifest(tagDigest: tagDigest, platform: resolution.platform.description, resolved)
            candidates.append(Candidate(tag: tag, platform: resolution.platform, manifestDigest: resolved.manifestDigest, created: resolved.created, image: image))
        }
        if candidates.isEmpty, !problems.isEmpty {
            let message = "Tag '\(tag)' of '\(path)' on registry '\(client.endpoint.name)' has no image to analyse: \(problems.joined(separator: "; "))."
            result.warnings.append(ScanWarning(subject: "\(name):\(tag)", message: message))
            log(message)
        }
        return candidates
    }

    /// The candidates of the `count` tags created last (all when `count` is nil), newest first.
    private static func newest(_ candidates: [Candidate], count: Int?) -> [Candidate] {
        guard let count else { return candidates }
        var created: [String: String] = [:]
        for candidate in candidates {
            created[candidate.tag] = max(created[candidate.tag] ?? "", candidate.created.map(Self.sortableDate) ?? "")
        }
        let kept = Set(created.keys.sorted { (created[$0]!, $0) > (created[$1]!, $1) }.prefix(count))
        return candidates.filter { kept.contains($0.tag) }
    }

    /// RFC 3339 times compare as text once normalised to UTC seconds.
    private static func sortableDate(_ text: String) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let date = formatter.date(from: text) ?? {
            formatter.formatOptions = [.withInternetDateTime]
            return formatter.date(from: text)
        }()
        guard let date else { return text }
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
