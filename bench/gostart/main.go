// Command gostart does nothing. bench/ times it beside the multiplexers'
// commands: what any Go program pays to start and exit, before its own
// packages or code run, on the machine measured.
package main

func main() {}
