"""Configuration: discovery of configuration files, their keys, the effective settings and the cluster profile."""
