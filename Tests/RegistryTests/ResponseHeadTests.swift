import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import ImageSource
import Testing

/// The transport's own response head, and a response whose caller waits for the whole body.
@Suite struct ResponseHeadTests {
    @Test func headersAreFoundInAnyCaseAndRepeatedOnesJoined() {
        let head = ResponseHead(statusCode: 200, fields: [
            ("Docker-Content-Digest", "sha256:abc"), ("Link", "</v2/a/tags/list?n=2&last=b>; rel=\"next\""),
            ("WWW-Authenticate", "Bearer realm=\"a\""), ("www-authenticate", "Basic realm=\"b\""), ("Content-Length", "0"),
        ])
        #expect(head.statusCode == 200)
        #expect(head.value(forHTTPHeaderField: "docker-content-digest") == "sha256:abc")
        #expect(head.value(forHTTPHeaderField: "DOCKER-CONTENT-DIGEST") == "sha256:abc")
        #expect(head.value(forHTTPHeaderField: "Www-Authenticate") == "Bearer realm=\"a\", Basic realm=\"b\"")
        #expect(head.value(forHTTPHeaderField: "Retry-After") == nil)
        #expect(head.value(forHTTPHeaderField: "Docker-Content-Diges") == nil, "a prefix is another name")
    }

    @Test func aWholeBodyResponseAnswersOnceComplete() throws {
        let response = StreamingResponse(request: URLRequest(url: URL(string: "http://127.0.0.1/v2/")!), limit: 100, wholeBody: true)
        let answered = Answered()
        let waiter = Thread {
            let head = try? response.head()
            answered.set(head?.statusCode ?? -1, complete: response.isComplete)
        }
        waiter.start()
        response.received(ResponseHead(statusCode: 200, fields: [("Content-Length", "5")]))
        response.received(Data("hel".utf8))
        Thread.sleep(forTimeInterval: 0.2)
        #expect(answered.value == nil, "headers and part of the body are not the answer yet")
        response.received(Data("lo".utf8))
        response.completed(nil)
        for _ in 0..<100 where answered.value == nil { Thread.sleep(forTimeInterval: 0.02) }
        #expect(answered.value?.status == 200 && answered.value?.complete == true)
        #expect(try response.readAll(limit: 100) == Data("hello".utf8))
    }

    @Test func aWholeBodyResponseCutAfterItsHeadFailsAsItsBody() throws {
        // The headers came, then the deadline passed: the head is returned (no retry of the request),
        // and reading the body says it timed out, as with a streamed response.
        let response = StreamingResponse(request: URLRequest(url: URL(string: "http://127.0.0.1/v2/")!), limit: 100,
                                         deadline: Date().addingTimeInterval(0.3), wholeBody: true)
        response.received(ResponseHead(statusCode: 200, fields: []))
        response.received(Data("par".utf8))
        #expect(try response.head().statusCode == 200)
        #expect(throws: URLError.self) { try response.readAll(limit: 100) }

        let silent = StreamingResponse(request: URLRequest(url: URL(string: "http://127.0.0.1/v2/")!), limit: 100,
                                       deadline: Date().addingTimeInterval(0.2), wholeBody: true)
        #expect(throws: URLError.self) { try silent.head() }
    }
}

/// What the waiting thread saw.
private final class Answered: @unchecked Sendable {
    private let lock = NSLock()
    private var answer: (status: Int, complete: Bool)?

    var value: (status: Int, complete: Bool)? {
        lock.lock()
        defer { lock.unlock() }
        return answer
    }

    func set(_ status: Int, complete: Bool) {
        lock.lock()
        answer = (status, complete)
        lock.unlock()
    }
}
