//go:build !race

package server

// concurrentTotal is how many results TestConcurrentSubmissions saves.
const concurrentTotal = 2000
