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
}
