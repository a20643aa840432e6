package io.github.ghcrtools.helm.oci.packaging;

import static io.github.ghcrtools.helm.oci.packaging.SampleChart.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartLayoutTest {

  @TempDir Path project;

  @Test
  void ordersEntriesAsHelmPackageDoesAndExpandsSubcharts() throws Exception {
    Path pgArchive = packagedSubchart();
    Path dir = project.resolve("src/main/helm/app");
    write(
        dir,
        "Chart.yaml",
        "apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n"
            + "- name: redis\n  version: 1.0.0\n- name: pg\n  version: 1.0.0\n");
    write(dir, "Chart.lock", "dependencies: []\n");
    write(dir, ".helmignore", "# build leftovers\n*.tmp\ndocs/\n/secret.txt\n");
    write(dir, "values.yaml", "a: 1\n");
    write(dir, "values.schema.json", "{}");
    write(dir, "README.md", "readme");
    write(dir, "templates/deployment.yaml", "kind: Deployment\n");
    write(dir, "templates/_helpers.tpl", "{{/* helpers */}}\n");
    write(dir, "templates/.hidden", "dot file, ignored by Helm's default rule");
    write(dir, "templates/sub/x.yaml", "kind: ConfigMap\n");
    write(dir, "crds/crd.yaml", "kind: CustomResourceDefinition\n");
    write(dir, "files/a.txt", "a");
    write(dir, "files/b.tmp", "ignored");
    write(dir, "docs/guide.md", "ignored directory");
    write(dir, "secret.txt", "ignored at the root only");
    write(dir, "nested/secret.txt", "kept");
    write(dir, "charts/redis/Chart.yaml", "apiVersion: v2\nname: redis\nversion: 1.0.0\n");
    write(dir, "charts/redis/values.yaml", "port: 6379\n");
    write(dir, "charts/redis/templates/svc.yaml", "kind: Service\n");
    write(dir, "charts/pg-1.0.0.tgz", Files.readAllBytes(pgArchive));
    write(dir, "charts/pg-1.0.0.tgz.prov", "signature");
    write(dir, "charts/_skipped/Chart.yaml", "not a chart Helm loads");

    Path archive = ChartPackager.pack(SampleChart.request(project, dir)).archive();

    Map<String, String> contents = SampleChart.contents(archive);
    assertEquals(
        List.of(
            "app/Chart.yaml",
            "app/Chart.lock",
            "app/values.yaml",
            "app/values.schema.json",
            "app/templates/_helpers.tpl",
            "app/templates/deployment.yaml",
            "app/templates/sub/x.yaml",
            "app/.helmignore",
            "app/README.md",
            "app/charts/pg-1.0.0.tgz.prov",
            "app/crds/crd.yaml",
            "app/files/a.txt",
            "app/nested/secret.txt",
            "app/charts/pg/Chart.yaml",
            "app/charts/pg/values.yaml",
            "app/charts/pg/templates/deployment.yaml",
            "app/charts/redis/Chart.yaml",
            "app/charts/redis/values.yaml",
            "app/charts/redis/templates/svc.yaml"),
        List.copyOf(contents.keySet()));
    assertEquals("port: 6379\n", contents.get("app/charts/redis/values.yaml"));
    assertEquals("kind: Deployment\n", contents.get("app/charts/pg/templates/deployment.yaml"));
  }

  @Test
  void leavesOutHelmsDroppedFilesPerApiVersion() {
    Path v2 = SampleChart.create(project, "v2chart");
    write(v2, "requirements.yaml", "dependencies: []\n");
    write(v2, "requirements.lock", "dependencies: []\n");
    Path v1 = SampleChart.create(project, "v1chart");
    write(v1, "Chart.yaml", "apiVersion: v1\nname: v1chart\nversion: 0.1.0\n");
    write(v1, "Chart.lock", "dependencies: []\n");
    write(v1, "requirements.yaml", "dependencies: []\n");

    assertEquals(
        List.of("v2chart/Chart.yaml", "v2chart/values.yaml", "v2chart/templates/deployment.yaml"),
        List.copyOf(
            SampleChart.contents(ChartPackager.pack(SampleChart.request(project, v2)).archive())
                .keySet()));
    assertEquals(
        List.of(
            "v1chart/Chart.yaml",
            "v1chart/values.yaml",
            "v1chart/templates/deployment.yaml",
            "v1chart/requirements.yaml"),
        List.copyOf(
            SampleChart.contents(ChartPackager.pack(SampleChart.request(project, v1)).archive())
                .keySet()));
  }

  @Test
  void stripsUtf8BomFromFilesAsHelmDoes() {
    Path dir = SampleChart.create(project, "chart");
    write(dir, "files/bom.txt", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'h', 'i'});
    Map<String, String> contents =
        SampleChart.contents(ChartPackager.pack(SampleChart.request(project, dir)).archive());
    assertEquals("hi", contents.get("chart/files/bom.txt"));
  }

  /** A chart packaged by this plugin, used as a .tgz dependency. */
  private Path packagedSubchart() {
    Path other = project.resolve("other");
    Path pg = SampleChart.create(other, "pg");
    return ChartPackager.pack(SampleChart.request(other, pg)).archive();
  }
}
