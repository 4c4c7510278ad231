import CCurl
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The registry's HTTP client: libcurl's multi interface, driven by one thread of its own.
///
/// Requests are started from any thread and answered through `StreamingResponse`. Connections are
/// kept alive and shared by every request to the registry (HTTP/2 streams where the server offers
/// them). URLSession on Linux drives the same libcurl through libdispatch sources, and spent about
/// 1 ms of CPU a request doing it: at thousands of tags a night that was most of a warm scan
/// (benchmarks/RESULTS.md, issue 13). Here a request costs about a tenth of that.
///
/// Redirects are followed here, not by libcurl, so that what a redirect may carry is decided in one
/// place: the original headers, but `Authorization` only to the same scheme, host and port.
final class HTTPTransport: @unchecked Sendable {
    /// Redirects followed before a request fails.
    static let maxRedirects = 10
    /// Header bytes accepted in one response (all its blocks; below libcurl's own 300 KB cap, whose
    /// error would not say why): more ends the request, whatever its
    /// deadline (a registry that never ends its headers would otherwise grow them until then).
    static let maxHeaderBytes = 256 << 10

    private static let initialized: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    private let multi: UnsafeMutableRawPointer
    private let timeout: TimeInterval
    private let lock = NSLock()
    private var incoming: [Transfer] = []
    private var cancelled: [ObjectIdentifier] = []
    private var closed = false
    // Touched by the transport's thread only.
    private var active: [UnsafeMutableRawPointer: Transfer] = [:]
    private var activeByResponse: [ObjectIdentifier: Transfer] = [:]

    init(timeout: TimeInterval, maxConnections: Int = 16) {
        precondition(Self.initialized, "libcurl could not be initialised")
        self.timeout = timeout
        multi = curl_multi_init()
        scout_curl_multi_set_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, max(16, maxConnections))
        let thread = Thread { [self] in run() }
        thread.name = "scout-report HTTP"
        thread.start()
    }

    /// Ends the transport: requests still in flight fail as cancelled, and its thread ends.
    func close() {
        lock.lock()
        closed = true
        lock.unlock()
        curl_multi_wakeup(multi)
    }

    /// Starts `request` and returns at once; the response fills in as data arrives (see
    /// `StreamingResponse.wholeBody`).
    func start(_ request: URLRequest, limit: Int64? = nil, deadline: Date? = nil, wholeBody: Bool = false) -> StreamingResponse {
        let response = StreamingResponse(request: request, limit: limit, deadline: deadline, wholeBody: wholeBody)
        let identifier = ObjectIdentifier(response)
        response.canceller = { [weak self] in self?.cancel(identifier) }
        enqueue(Transfer(request: request, response: response, redirects: 0))
        return response
    }

    private func enqueue(_ transfer: Transfer) {
        lock.lock()
        let refused = closed
        if !refused { incoming.append(transfer) }
        lock.unlock()
        if refused { transfer.response.completed(URLError(.cancelled)) }
        curl_multi_wakeup(multi)
    }

    private func cancel(_ response: ObjectIdentifier) {
        lock.lock()
        cancelled.append(response)
        lock.unlock()
        curl_multi_wakeup(multi)
    }

    // MARK: - The transport's thread

    private func run() {
        while true {
            lock.lock()
            let added = incoming, stopped = cancelled, ending = closed
            incoming = []
            cancelled = []
            lock.unlock()
            if ending { break }
            for transfer in added { add(transfer) }
            for identifier in stopped {
                guard let transfer = activeByResponse[identifier] else { continue }
                remove(transfer)
                transfer.response.completed(URLError(.cancelled))
            }
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            var queued: Int32 = 0
            while let message = curl_multi_info_read(multi, &queued) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                      let transfer = active[easy] else { continue }
                let result = message.pointee.data.result
                remove(transfer)
                finish(transfer, result)
            }
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        for transfer in Array(active.values) {
            remove(transfer)
            transfer.response.completed(URLError(.cancelled))
        }
        lock.lock()
        let refused = incoming
        incoming = []
        lock.unlock()
        for transfer in refused { transfer.response.completed(URLError(.cancelled)) }
        curl_multi_cleanup(multi)
    }

    private func add(_ transfer: Transfer) {
        guard let easy = transfer.prepare(timeout: timeout) else {
            transfer.response.completed(URLError(.unsupportedURL))
            return
        }
        active[easy] = transfer
        activeByResponse[ObjectIdentifier(transfer.response)] = transfer
        curl_multi_add_handle(multi, easy)
    }

    private func remove(_ transfer: Transfer) {
        guard let easy = transfer.easy else { return }
        curl_multi_remove_handle(multi, easy)
        active[easy] = nil
        if activeByResponse[ObjectIdentifier(transfer.response)] === transfer {
            activeByResponse[ObjectIdentifier(transfer.response)] = nil
        }
        transfer.release()
    }

    private func finish(_ transfer: Transfer, _ result: CURLcode) {
        if transfer.headersTooLarge {
            transfer.response.completed(URLError(.dataLengthExceedsMaximum))
            return
        }
        guard result == CURLE_OK else {
            transfer.response.completed(Self.error(for: result))
            return
        }
        if let target = transfer.redirectTarget {
            guard transfer.redirects < Self.maxRedirects else {
                transfer.response.completed(URLError(.httpTooManyRedirects))
                return
            }
            // Added on the next turn of the loop, like any new request.
            add(Transfer(request: Self.redirect(transfer.response.request, to: target), response: transfer.response,
                         redirects: transfer.redirects + 1))
            return
        }
        if !transfer.deliveredHead {
            transfer.response.completed(URLError(.badServerResponse))
            return
        }
        transfer.response.completed(nil)
    }

    /// The request a redirect leads to: the original's method and headers, `Authorization` only
    /// when `target` has the original's scheme, host and port.
    static func redirect(_ original: URLRequest, to target: URL) -> URLRequest {
        var next = URLRequest(url: target)
        next.httpMethod = original.httpMethod
        next.timeoutInterval = original.timeoutInterval
        for (name, value) in original.allHTTPHeaderFields ?? [:] where name.lowercased() != "authorization" {
            next.setValue(value, forHTTPHeaderField: name)
        }
        if sameOrigin(original.url, target), let authorization = original.value(forHTTPHeaderField: "Authorization") {
            next.setValue(authorization, forHTTPHeaderField: "Authorization")
        }
        return next
    }

    static func sameOrigin(_ a: URL?, _ b: URL?) -> Bool {
        guard let a, let b else { return false }
        func port(_ url: URL) -> Int? { url.port ?? (url.scheme?.lowercased() == "https" ? 443 : url.scheme?.lowercased() == "http" ? 80 : nil) }
        return a.scheme?.lowercased() == b.scheme?.lowercased() && a.host?.lowercased() == b.host?.lowercased() && port(a) == port(b)
    }

    /// libcurl's result as the `URLError` the retry policy and the messages understand.
    static func error(for result: CURLcode) -> URLError {
        switch result {
        case CURLE_OPERATION_TIMEDOUT: return URLError(.timedOut)
        case CURLE_COULDNT_CONNECT: return URLError(.cannotConnectToHost)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: return URLError(.cannotFindHost)
        case CURLE_SSL_CONNECT_ERROR, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_CIPHER, CURLE_USE_SSL_FAILED:
            return URLError(.secureConnectionFailed)
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return URLError(.serverCertificateUntrusted)
        case CURLE_SSL_CERTPROBLEM: return URLError(.clientCertificateRejected)
        case CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_PARTIAL_FILE, CURLE_HTTP2, CURLE_HTTP2_STREAM,
             CURLE_WEIRD_SERVER_REPLY:
            return URLError(.networkConnectionLost)
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT: return URLError(.unsupportedURL)
        case CURLE_WRITE_ERROR, CURLE_ABORTED_BY_CALLBACK: return URLError(.cancelled)
        default: return URLError(.unknown)
        }
    }
}

/// One request on one libcurl easy handle: its headers as they arrive, and where a redirect leads.
private final class Transfer {
    let request: URLRequest
    let response: StreamingResponse
    let redirects: Int
    private(set) var easy: UnsafeMutableRawPointer?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private var status = 0
    private var fields: [(name: String, value: String)] = []
    private(set) var redirectTarget: URL?
    private(set) var deliveredHead = false
    private var headerBytes = 0
    /// Set once more than `HTTPTransport.maxHeaderBytes` of headers arrived (the transfer is then aborted).
    private(set) var headersTooLarge = false

    init(request: URLRequest, response: StreamingResponse, redirects: Int) {
        self.request = request
        self.response = response
        self.redirects = redirects
    }

    /// Makes the easy handle; nil when the URL is not http(s).
    func prepare(timeout: TimeInterval) -> UnsafeMutableRawPointer? {
        guard let url = request.url, let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let easy = curl_easy_init() else { return nil }
        self.easy = easy
        let context = Unmanaged.passUnretained(self).toOpaque()
        scout_curl_set_string(easy, CURLOPT_URL, url.absoluteString)
        scout_curl_set_string(easy, CURLOPT_PROTOCOLS_STR, "http,https")
        scout_curl_set_long(easy, CURLOPT_NOSIGNAL, 1)
        scout_curl_set_long(easy, CURLOPT_TCP_KEEPALIVE, 1)
        // The request timeout is an idle timeout, as URLSession's is: no byte for that long ends it.
        let seconds = max(1, Int(timeout.rounded(.up)))
        scout_curl_set_long(easy, CURLOPT_CONNECTTIMEOUT, seconds)
        scout_curl_set_long(easy, CURLOPT_LOW_SPEED_LIMIT, 1)
        scout_curl_set_long(easy, CURLOPT_LOW_SPEED_TIME, seconds)
        switch request.httpMethod?.uppercased() ?? "GET" {
        case "GET": break
        case "HEAD": scout_curl_set_long(easy, CURLOPT_NOBODY, 1)
        case "POST": scout_curl_set_long(easy, CURLOPT_POST, 1)
        case let method: scout_curl_set_string(easy, CURLOPT_CUSTOMREQUEST, method)
        }
        if let body = request.httpBody {
            scout_curl_set_size(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            body.withUnsafeBytes { bytes in
                _ = scout_curl_set_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!))
            }
        }
        // No `Expect: 100-continue` round trip for a form body; libcurl's own Accept unless one is set.
        var list = curl_slist_append(nil, "Expect:")
        for (name, value) in request.allHTTPHeaderFields ?? [:] {
            list = curl_slist_append(list, "\(name): \(value)")
        }
        headerList = list
        scout_curl_set_pointer(easy, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(list))
        scout_curl_set_callback(easy, CURLOPT_HEADERFUNCTION, { data, size, count, context in
            let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
            transfer.headerBytes += size * count
            guard transfer.headerBytes <= HTTPTransport.maxHeaderBytes else {
                transfer.headersTooLarge = true
                return 0   // libcurl ends the transfer (CURLE_WRITE_ERROR)
            }
            transfer.header(UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        })
        scout_curl_set_pointer(easy, CURLOPT_HEADERDATA, context)
        scout_curl_set_callback(easy, CURLOPT_WRITEFUNCTION, { data, size, count, context in
            let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
            // A redirect's own body is dropped; the next request's is the answer.
            if transfer.redirectTarget == nil, let data, size * count > 0 {
                transfer.response.received(Data(bytes: data, count: size * count))
            }
            return size * count
        })
        scout_curl_set_pointer(easy, CURLOPT_WRITEDATA, context)
        return easy
    }

    /// One header line; the empty line ends a block (1xx and redirect blocks are not the answer).
    /// Read as bytes: Foundation's trimming and a dictionary per response were a third of the
    /// transport thread's CPU on a warm scan.
    private func header(_ bytes: UnsafeRawBufferPointer) {
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let line = UnsafeRawBufferPointer(rebasing: bytes[0..<end])
        if line.starts(with: "HTTP/".utf8) {
            status = Self.statusCode(of: line)
            fields = []
            return
        }
        if line.isEmpty {
            if (100..<200).contains(status) { return }
            if (300..<400).contains(status), status != 304, let location = value("Location"),
               let target = URL(string: location, relativeTo: request.url)?.absoluteURL {
                redirectTarget = target
                return
            }
            deliveredHead = true
            response.received(ResponseHead(statusCode: status, fields: fields))
            return
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return }
        fields.append((Self.trimmed(line[..<colon]), Self.trimmed(line[(colon + 1)...])))
    }

    /// The status code of a status line (`HTTP/1.1 200 OK`), 0 when it has none.
    private static func statusCode(of line: UnsafeRawBufferPointer) -> Int {
        guard let space = line.firstIndex(of: UInt8(ascii: " ")) else { return 0 }
        var code = 0, digits = 0
        for byte in line[(space + 1)...] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { break }
            code = code * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
            if digits > 3 { return 0 }
        }
        return digits == 3 ? code : 0
    }

    /// The text of `bytes` without the spaces and tabs around it.
    private static func trimmed(_ bytes: Slice<UnsafeRawBufferPointer>) -> String {
        func blank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, blank(bytes[start]) { start += 1 }
        while end > start, blank(bytes[end - 1]) { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private func value(_ name: String) -> String? {
        ResponseHead(statusCode: status, fields: fields).value(forHTTPHeaderField: name)
    }

    /// Frees the easy handle and its header list.
    func release() {
        if let easy { curl_easy_cleanup(easy) }
        easy = nil
        curl_slist_free_all(headerList)
        headerList = nil
    }
}
