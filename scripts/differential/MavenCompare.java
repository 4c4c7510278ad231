// Prints Maven's own answer for each tab-separated pair on stdin: "A<TAB>B<TAB>-1|0|1".
// Run by scripts/differential-versions.sh against Debian's libmaven3-core-java (maven-artifact).
import java.io.BufferedReader;
import java.io.InputStreamReader;
import org.apache.maven.artifact.versioning.ComparableVersion;

public class MavenCompare {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
        StringBuilder out = new StringBuilder();
        for (String line; (line = in.readLine()) != null; ) {
            int tab = line.indexOf('\t');
            if (tab < 0) continue;
            String a = line.substring(0, tab), b = line.substring(tab + 1);
            int c = Integer.signum(new ComparableVersion(a).compareTo(new ComparableVersion(b)));
            out.append(a).append('\t').append(b).append('\t').append(c).append('\n');
        }
        System.out.print(out);
    }
}
