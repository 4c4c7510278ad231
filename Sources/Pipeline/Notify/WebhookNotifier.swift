import Dispatch
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ScoutModel

/// Sends each `notify:` webhook the findings its rules match, after the site is published. A
/// delivery that fails is retried (3 attempts, 1 s then 2 s apart); one that still fails becomes a
/// warning naming the webhook, never its URL, and never fails the run.
public struct WebhookNotifier: Sendable {
    public let hooks: [Webhook]
    public let environment: [String: String]
    /// Seconds each attempt may take.
    public var timeout: TimeInterval = 10
    /// Seconds before the second attempt; doubled before each further one.
    public var retryDelay: TimeInterval = 1
    public var attempts = 3

    public init(hooks: [Webhook], environment: [String: String]) {
        self.hooks = hooks
        self.environment = environment
    }

    /// What happened to one webhook.
    public struct Delivery: Sendable, Hashable {
        public var webhook: String
        /// Findings sent (0: nothing matched, nothing was sent).
        public var findings: Int
        /// Why it failed after every attempt; nil when delivered (or nothing was to be sent).
        public var failure: String?
    }

    /// Sends what each webhook is to be told about the `images` (the snapshot's) after `run`.
    public func send(run: RunSummary, images: [ImageReport], title: String) -> [Delivery] {
        hooks.map { hook in
            let items = WebhookPayload.items(for: hook, images: images)
            guard !items.isEmpty else { return Delivery(webhook: hook.name, findings: 0, failure: nil) }
            guard let text = environment[hook.urlVariable], !text.isEmpty else {
                return Delivery(webhook: hook.name, findings: items.count, failure:
                    "Failed to notify webhook '\(hook.name)': the environment variable \(hook.urlVariable) that holds its URL is not set; set it for the nightly job")
            }
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http", url.host != nil else {
                return Delivery(webhook: hook.name, findings: items.count, failure:
                    "Failed to notify webhook '\(hook.name)': \(hook.urlVariable) does not hold an http(s) URL; correct it")
            }
            let body = Data(WebhookPayload.body(hook, items: items, run: run, title: title).utf8)
            var last = ""
            for attempt in 0..<max(1, attempts) {
                if attempt > 0 { Thread.sleep(forTimeInterval: retryDelay * Double(1 << (attempt - 1))) }
                switch post(body, to: url) {
                case .success: return Delivery(webhook: hook.name, findings: items.count, failure: nil)
                case .failure(let reason): last = reason.replacing(text, with: "[\(hook.urlVariable)]")
                }
            }
            return Delivery(webhook: hook.name, findings: items.count, failure:
                "Failed to notify webhook '\(hook.name)' after \(max(1, attempts)) attempts: \(last); it is tried again after the next run")
        }
    }

    private enum Outcome { case success, failure(String) }

    private func post(_ body: Data, to url: URL) -> Outcome {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("scout-report", forHTTPHeaderField: "User-Agent")
        request.httpBody = body
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.connectionProxyDictionary = [:]
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        session.dataTask(with: request) { _, response, error in
            if let error {
                box.set(.failure((error as NSError).localizedDescription))
            } else if let status = (response as? HTTPURLResponse)?.statusCode, !(200..<300).contains(status) {
                box.set(.failure("the server answered HTTP \(status)"))
            } else {
                box.set(.success)
            }
            done.signal()
        }.resume()
        if done.wait(timeout: .now() + timeout + 5) == .timedOut { return .failure("no answer within \(Int(timeout)) s") }
        return box.value ?? .failure("no answer")
    }

    private final class ResultBox: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Outcome?
        func set(_ outcome: Outcome) { lock.lock(); stored = outcome; lock.unlock() }
        var value: Outcome? { lock.lock(); defer { lock.unlock() }; return stored }
    }
}
