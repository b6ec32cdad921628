// Command etcd is the sandbox's etcd: the same entry point as upstream's server/main.go,
// built from a pinned go.etcd.io/etcd/server/v3 in a module of its own so that minimal
// version selection never lifts etcd's dependencies to match Kubernetes' (or vice versa).
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
