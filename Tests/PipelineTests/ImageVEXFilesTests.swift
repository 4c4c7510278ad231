import ScoutModel
import Testing
@testable import Pipeline

@Suite struct ImageVEXFilesTests {
    @Test func keepsTheVEXDocumentsOfTheFinalFilesystem() {
        #expect(ImageVEXFiles.wants("usr/share/vex/app.vex.json"))
        #expect(ImageVEXFiles.wants("sbom/x.openvex.json"))
        #expect(!ImageVEXFiles.wants("usr/share/vex/app.json"))
        let layers = [
            LayerFiles(diffID: "a", files: ["vex/a.vex.json": Array("old".utf8), "vex/b.vex.json": Array("b".utf8), "lib/apk/db/installed": [1]]),
            LayerFiles(diffID: "b", files: ["vex/a.vex.json": Array("new".utf8)], whiteouts: ["vex/b.vex.json"]),
            LayerFiles(diffID: "c", files: ["opt/c.vex.json": Array("c".utf8)]),
            LayerFiles(diffID: "d", opaqueDirectories: ["opt"]),
        ]
        let kept = ImageVEXFiles.collect(layers)
        #expect(kept.keys.sorted() == ["vex/a.vex.json"], "later layers replace, whiteouts and opaque folders remove")
        #expect(kept["vex/a.vex.json"] == Array("new".utf8))
    }

    /// Issue 18.15: only the paths a repository opted in to, whole segments, that repository only.
    @Test func thePolicyMatchesWholePathSegments() {
        let policy = InImageVEXPolicy(paths: ["team/app": ["/vex/*.vex.json", "/usr/share/vex/app.openvex.json"]])
        #expect(policy.allows("vex/app.vex.json", repositories: ["team/app"]))
        #expect(policy.allows("usr/share/vex/app.openvex.json", repositories: ["other", "team/app"]))
        #expect(!policy.allows("vex/deep/app.vex.json", repositories: ["team/app"]), "`*` stays within its folder")
        #expect(!policy.allows("usr/lib/node_modules/left-pad/vex/a.vex.json", repositories: ["team/app"]))
        #expect(!policy.allows("vex/app.vex.json", repositories: ["team/other"]), "only the repository that opted in")
    }

    @Test func repositoriesOptInToInImageVEXInTheConfig() throws {
        let text = """
            repositories:
              - name: team/app
                vex: {in-image: [/vex/*.vex.json]}
              - name: team/other
            """
        let config = try ConfigLoader.parse(text, file: "/etc/scout.yml")
        #expect(config.repositories.map(\.vexInImage) == [["/vex/*.vex.json"], []])
        #expect(InImageVEXPolicy(config: config).paths == ["team/app": ["/vex/*.vex.json"]])
        for bad in ["vex/*.vex.json", "/vex/", "/**/x.vex.json"] {
            let broken = "repositories:\n  - name: a\n    vex: {in-image: [\"\(bad)\"]}\n"
            #expect(throws: ConfigError.self, "\(bad)") { _ = try ConfigLoader.parse(broken, file: "/etc/scout.yml") }
        }
        #expect(throws: ConfigError.self) { _ = try ConfigLoader.parse("repositories:\n  - name: a\n    vex: {anywhere: true}\n", file: "/etc/scout.yml") }
    }
}
