import Foundation
import ImageSource
import ScoutModel
import Testing
import TestSupport

/// Issue 18.16: `created_by` lines as real builders write them, with secret-looking values masked.
@Suite struct HistoryMaskingTests {
    @Test(arguments: [
        // The classic builder's ENV, and BuildKit's.
        ("/bin/sh -c #(nop)  ENV DB_PASSWORD=s3cr3t", "/bin/sh -c #(nop)  ENV DB_PASSWORD=***"),
        ("ENV DB_PASSWORD=s3cr3t PATH=/usr/local/bin:/usr/bin", "ENV DB_PASSWORD=*** PATH=/usr/local/bin:/usr/bin"),
        ("ENV API_KEY=\"a b c\" LANG=C.UTF-8", "ENV API_KEY=*** LANG=C.UTF-8"),
        ("ARG NPM_TOKEN=npm_abc", "ARG NPM_TOKEN=***"),
        // BuildKit lists a RUN's build arguments before the command.
        ("RUN |2 NPM_TOKEN=npm_abc VERSION=1.2 /bin/sh -c npm ci", "RUN |2 NPM_TOKEN=*** VERSION=1.2 /bin/sh -c npm ci"),
        // Shell assignments and flags inside a RUN.
        ("RUN /bin/sh -c export AWS_SECRET_ACCESS_KEY=wJalr && make", "RUN /bin/sh -c export AWS_SECRET_ACCESS_KEY=*** && make"),
        ("RUN /bin/sh -c GITHUB_TOKEN=ghp_x;./fetch", "RUN /bin/sh -c GITHUB_TOKEN=***;./fetch"),
        ("/bin/sh -c mysql --password=pw -u root", "/bin/sh -c mysql --password=*** -u root"),
        ("ENV SSH_KEY='-----BEGIN KEY-----' CLIENT_SECRET=x", "ENV SSH_KEY=*** CLIENT_SECRET=***"),
        ("ENV BASIC_AUTH=user:pass DB_PASSWD=x PRIVATE-KEY=y", "ENV BASIC_AUTH=*** DB_PASSWD=*** PRIVATE-KEY=***"),
        // The legacy `ENV NAME value` form.
        ("/bin/sh -c #(nop)  ENV GITHUB_TOKEN ghp_abc def", "/bin/sh -c #(nop)  ENV GITHUB_TOKEN ***"),
    ])
    func secretValuesAreMasked(line: String, expected: String) {
        #expect(HistoryMasking.masked(line) == expected)
        #expect(HistoryMasking.masked(expected) == expected, "masking twice changes nothing")
    }

    @Test(arguments: [
        "/bin/sh -c #(nop)  ENV PATH=/usr/local/bin:$PATH",
        "ENV PYTHON_VERSION=3.12.1 PWD=/app KEYRING_DIR=/etc/apt AUTHOR=me",
        "/bin/sh -c #(nop) ADD file:0c4555f363c2672e350001f1293e689875a3760afe7b3f9146886afe67121cba in / ",
        "RUN /bin/sh -c apk add --no-cache curl=8.5.0-r0 # buildkit",
        "/bin/sh -c #(nop)  ENV LANG C.UTF-8",
    ])
    func ordinaryHistoryIsLeftAsItIs(line: String) {
        #expect(HistoryMasking.masked(line) == line)
    }

    @Test func theHistoryIsMaskedBeforeItIsKept() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let builder = OCILayoutBuilder(directory: directory)
        var tar = TestTarWriter()
        tar.add("etc/setup.done", "yes\n")
        let image = try builder.manifest(.init(layers: [tar.archive], history: ["RUN |1 DB_PASSWORD=hunter2 /bin/sh -c ./setup"]))
        try builder.index([image.descriptor])
        let opened = try ImageOpener.open(.ociDirectory(directory.path))
        #expect(opened.metadata.layers[0].createdBy == "RUN |1 DB_PASSWORD=*** /bin/sh -c ./setup")
    }
}
