#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The pages are rendered by one worker per core, each with its own parsed copy of the templates:
/// swift-mustache retains a template's tokens as it walks them, and two cores retaining the same
/// objects spend their time passing the reference counts' cache lines back and forth.
final class RenderWorkers: @unchecked Sendable {
    /// One parsed template set per worker (the first is the renderer's own); the others are parsed by
    /// their worker on first use, so a machine with many cores does not parse them one after another.
    private var sets: [TemplateSet?]
    private let lock = NSLock()
    /// With `audit`, every value a template reads is recorded there (the tests).
    private let audit: RenderAudit.Log?
    let count: Int

    init(_ templates: TemplateSet, count: Int, audit: RenderAudit.Log?) {
        self.count = max(1, count)
        sets = [templates] + Array(repeating: nil, count: self.count - 1)
        self.audit = audit
    }

    /// Renders `template` (which exists: checked at load time) with this worker's templates.
    func render(_ view: any TemplateView, _ template: String) -> String {
        let templates = templates
        if let audit { return templates.render(RenderAudit(base: view, log: audit), template: template) }
        return templates.render(view, template: template)
    }

    /// The templates of the worker running on this thread (the first set outside the workers).
    private var templates: TemplateSet {
        let worker = Self.current % count
        lock.lock()
        if let set = sets[worker] {
            lock.unlock()
            return set
        }
        let original = sets[0]!
        lock.unlock()
        let replica = original.replica()
        lock.lock()
        defer { lock.unlock() }
        if let set = sets[worker] { return set }
        sets[worker] = replica
        return replica
    }

    /// Runs `work(worker)` on `count` threads at once and waits for all of them.
    func run(_ work: @Sendable (Int) -> Void) {
        DispatchQueue.concurrentPerform(iterations: count) { worker in
            Self.setCurrent(worker)
            defer { Self.setCurrent(0) }
            work(worker)
        }
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// The worker index of this thread (0 outside `run`).
    private static var current: Int {
        Int(bitPattern: pthread_getspecific(key))
    }

    private static func setCurrent(_ worker: Int) {
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: worker))
    }
}

/// Hands out job positions to the workers, in order.
final class JobQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let count: Int

    init(count: Int) { self.count = count }

    /// The next job's position, or nil when all are taken.
    func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }
}
