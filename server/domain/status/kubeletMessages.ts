// The kubelet's wording of a container's back-off names the current delay and the pod
// ("back-off 40s restarting failed container=main pod=pi-x7k2p_batch(3f0c…)"). The delay grows at
// every restart and the pod differs between siblings, so quoted as is it would change the row at
// every back-off step and name one pod for all of a parent's pods. Older kubelets write
// "Back-off 10s ..."; the sandbox's kwok stages write "back-off restarting failed container app in
// pod NAME". The delay, when present, starts with a digit (10s, 1m20s, 5m0s).
const crashBackOff = /back-off\s+(?:\d\S*\s+)?restarting\s+failed\s+container[=\s](\S+?)\s+(?:in\s+)?pod[=\s]\S+/gi;

/** The stable form of a kubelet message: "back-off restarting failed container main". */
export function stableKubeletMessage(message: string): string {
  return message.replace(crashBackOff, (_match, container: string) => `back-off restarting failed container ${container}`);
}

export function crashBackOffDetail(containerName: string): string {
  return `back-off restarting failed container ${containerName}`;
}
