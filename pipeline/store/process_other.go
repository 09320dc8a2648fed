//go:build !unix

package store

// processExists cannot tell on this system, so it says yes: a claim of a
// crashed run is then taken over when its lease runs out.
func processExists(pid int) bool { return true }
