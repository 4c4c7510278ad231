@testable import Catalogers
import ScoutModel
import Testing

@Suite struct GoBinaryCatalogerTests {
    static let binary = "usr/local/bin/binary_with_module_replacement-linux-amd64"

    /// scalibr's binary_with_module_replacement: its three asserted packages (scalibr calls the toolchain `go`;
    /// here it is `stdlib`, the name the Go vulnerability database and Docker Scout use).
    @Test func catalogsTheScalibrGoBinary() throws {
        let fixture = try RootfsCase("scalibr-go-binary")
        #expect(Cataloging.wants(Self.binary))
        let result = Cataloging.catalog(layers: [fixture.layer])
        #expect(result.warnings.isEmpty)
        let expected = Set(fixture.expected.packages.map { "\($0.name == "go" ? "stdlib" : $0.name) \($0.version)" })
        #expect(Set(result.packages.map { "\($0.name) \($0.version)" }) == expected)
        #expect(result.packages.count == 3)
        #expect(result.packages.allSatisfy {
            $0.type == .golang && $0.cataloger == "go-module-binary-cataloger" && $0.locations == [Self.binary]
                && $0.layerDiffID == fixture.layer.diffID
        })
        let purls = Set(result.packages.map(\.purl))
        #expect(purls == [
            "pkg:golang/stdlib@1.22.0",
            "pkg:golang/binary_with_module_replacement@%28devel%29",
            "pkg:golang/github.com/golang/xerrors@0.0.0-20220907171357-04be3eba64a2",
        ])
    }

    @Test func readsTheBuildInfoLines() throws {
        let info = try #require(try GoBinaryParser.buildInfo(RootfsCase("scalibr-go-binary").file(Self.binary)))
        #expect(info.goVersion == "go1.22.0")
        #expect(info.path == "binary_with_module_replacement")
        #expect(info.main?.version == "(devel)")
        #expect(info.dependencies.count == 1)
        #expect(info.dependencies.first?.path == "golang.org/x/xerrors")
        #expect(info.dependencies.first?.replacement?.path == "github.com/golang/xerrors")
        #expect(info.dependencies.first?.replacement?.sum == "h1:Wpqq3XyrlysiTYqXPoaibAPvTMmnbHE42soloZAxtZY=")
        #expect(info.settings["GOOS"] == "linux")
        #expect(info.settings["CGO_ENABLED"] == "1")
    }

    @Test func findsTheMagicWhenSectionHeadersAreGone() throws {
        var bytes = try RootfsCase("scalibr-go-binary").file(Self.binary).content
        // e_shnum of a 64-bit ELF is at offset 60: zero section headers, as sstrip leaves a file.
        bytes[60] = 0
        bytes[61] = 0
        let info = try #require(try GoBinaryParser.buildInfo(DatabaseFile(path: "app", content: bytes)))
        #expect(info.goVersion == "go1.22.0")
        #expect(info.dependencies.first?.replacement?.path == "github.com/golang/xerrors")
    }

    @Test func stdlibVersionsBecomeSemVer() {
        #expect(GoBinaryParser.stdlibVersion("go1.22.0") == "1.22.0")
        #expect(GoBinaryParser.stdlibVersion("go1.20") == "1.20.0")
        #expect(GoBinaryParser.stdlibVersion("go1.21rc2") == "1.21.0-rc.2")
        #expect(GoBinaryParser.stdlibVersion("go1.22.5 X:boringcrypto") == "1.22.5")
        #expect(GoBinaryParser.stdlibVersion("devel go1.23-1234abcd") == nil)
        #expect(GoBinaryParser.stdlibVersion("go1.x") == nil)
    }

    @Test func replacementsAndLocalDirectories() {
        let modinfo = "path\texample.com/app\nmod\texample.com/app\tv1.2.3\th1:x=\n"
            + "dep\tgolang.org/x/net\tv0.17.0\th1:a=\n"
            + "dep\tgithub.com/a/b\tv1.0.0\n=>\t../b\t\n"
            + "dep\tgithub.com/docker/docker\tv24.0.7+incompatible\th1:b=\n"
        let info = GoBuildInfo.parse(version: "go1.21.5", modinfo: Array(modinfo.utf8))
        let packages = GoBinaryParser.packages(info, path: "app")
        #expect(packages.map { "\($0.name)@\($0.version)" } == [
            "stdlib@1.21.5", "example.com/app@1.2.3", "golang.org/x/net@0.17.0", "github.com/a/b@(devel)",
            "github.com/docker/docker@24.0.7+incompatible",
        ])
        #expect(packages[4].purl == "pkg:golang/github.com/docker/docker@24.0.7%2Bincompatible")
    }

    @Test func binaryPathRule() {
        for path in ["usr/local/bin/app", "usr/bin/kubectl", "opt/tool/bin/tool", "root/go/bin/dlv", "manager",
                     "app/server", "ko-app/hello", "usr/libexec/helper", "usr/sbin/daemon"] {
            #expect(Cataloging.wants(path), "\(path)")
        }
        for path in ["usr/lib/x86_64-linux-gnu/libc.so.6", "usr/share/doc/README", "usr/bin/script.sh", "app/static/main.js",
                     "opt/app/lib/helper", "app/server.sha256", ".dockerenv", "etc/passwd", "usr/local/bin/.hidden", "app/deep/er/binary"] {
            #expect(!Cataloging.wants(path), "\(path)")
        }
    }
}
