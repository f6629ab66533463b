package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gantry.core.config.ConfigLoader;
import dev.gantry.core.config.GantryConfig;
import dev.gantry.gateway.Gateway;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every manifest under {@code deploy/kubernetes} parses into the Kubernetes model (unknown fields
 * fail), and the manifests agree with each other and with Gantry: selectors and labels, ports and
 * probes, the ConfigMap and Secret the Deployment mounts, a {@code gantry.yaml} that Gantry accepts
 * with every variable the Secret provides, and the HPA's custom metric, which Gantry exports.
 */
class GantryKubernetesManifestsTest {
  static final Path DIR = Path.of("..", "deploy", "kubernetes");
  static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  static <T> T read(String file, Class<T> type) throws Exception {
    return YAML.readValue(Files.readString(DIR.resolve(file)), type);
  }

  @Test
  void the_manifests_parse_and_reference_each_other() throws Exception {
    Deployment deployment = read("deployment.yaml", Deployment.class);
    Service service = read("service.yaml", Service.class);
    ConfigMap config = read("configmap.yaml", ConfigMap.class);
    Secret secret = read("secret.yaml", Secret.class);
    HorizontalPodAutoscaler hpa = read("hpa.yaml", HorizontalPodAutoscaler.class);
    PodDisruptionBudget pdb = read("pdb.yaml", PodDisruptionBudget.class);

    Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
    assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
    assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(podLabels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
    assertThat(hpa.getSpec().getScaleTargetRef().getName())
        .isEqualTo(deployment.getMetadata().getName());
    assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");

    Container gantry = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    Map<String, Integer> ports = new HashMap<>();
    gantry.getPorts().forEach(p -> ports.put(p.getName(), p.getContainerPort()));
    assertThat(ports).containsKey(service.getSpec().getPorts().get(0).getTargetPort().getStrVal());
    assertThat(gantry.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(gantry.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(ports).containsKey(gantry.getReadinessProbe().getHttpGet().getPort().getStrVal());
    assertThat(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
        .as("room for the 10 s drain plus the preStop pause")
        .isGreaterThanOrEqualTo(15);
    assertThat(gantry.getEnvFrom().get(0).getSecretRef().getName())
        .isEqualTo(secret.getMetadata().getName());
    assertThat(
            deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getConfigMap() != null)
                .map(v -> v.getConfigMap().getName()))
        .containsExactly(config.getMetadata().getName());

    // the configuration is valid Gantry configuration with the Secret's variables, and its
    // listeners are the container's ports
    Path yaml = Files.createTempFile("gantry-k8s", ".yaml");
    Files.writeString(yaml, config.getData().get("gantry.yaml"));
    GantryConfig c = ConfigLoader.load(yaml, secret.getStringData());
    Files.delete(yaml);
    assertThat(c.server().port()).isEqualTo(ports.get("http"));
    assertThat(c.security().admin().port()).isEqualTo(ports.get("admin"));
    assertThat(c.limits().redis()).isNotNull();
    assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("prometheus.io/port", Integer.toString(ports.get("admin")))
        .containsEntry("prometheus.io/path", "/admin/metrics");

    // the HPA's custom metric is one Gantry exports
    String metric =
        hpa.getSpec().getMetrics().stream()
            .filter(m -> m.getPods() != null)
            .findFirst()
            .orElseThrow()
            .getPods()
            .getMetric()
            .getName();
    try (Gateway gw =
        GantryTestKit.gateway(
            "providers: {sim: {type: openai_compatible, base_url: \"http://127.0.0.1:9/v1\"}}\n"
                + "routes: {m: {deployments: [{provider: sim, model: m}]}}\n"
                + "limits: {rate: [{scope: global, concurrency: 10}]}\n",
            null)) {
      assertThat(gw.metrics().render()).contains(metric + " ");
    }
  }
}
