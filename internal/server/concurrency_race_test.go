//go:build race

package server

// concurrentTotal is how many results TestConcurrentSubmissions saves
// under the race detector.
const concurrentTotal = 400
