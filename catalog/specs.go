package catalog

import (
	"math"
	"strings"
)

// InstanceSpec is the size of an EC2 instance type, or of the EC2 type an RDS
// class runs on.
type InstanceSpec struct {
	Type      string // as asked for: "m5.large", or "db.r5.large" from RDSSpec
	VCPU      int
	MemoryMiB int
	Arch      string // "amd64" or "arm64"
	Source    string
}

// CacheNodeSpec is the size of an ElastiCache node type.
type CacheNodeSpec struct {
	Type string
	VCPU int
	// MemoryGiB is AWS's "memory" figure for the node type, e.g. 3.09 for
	// cache.t3.medium; for Redis it equals the default maxmemory.
	MemoryGiB float64
	Source    string
}

// MemoryBytes returns MemoryGiB in bytes, rounded to the nearest byte.
func (s CacheNodeSpec) MemoryBytes() int64 {
	return int64(math.Round(s.MemoryGiB * (1 << 30)))
}

// EC2Spec returns the spec of an EC2 instance type such as "m5.large".
func (c *Catalog) EC2Spec(instanceType string) (InstanceSpec, bool) {
	s, ok := c.ec2[instanceType]
	return s, ok
}

// RDSSpec returns the spec of an RDS instance class: the spec of the EC2
// type named by the class without its "db." prefix (db.r5.large → r5.large),
// with Type set to the class.
func (c *Catalog) RDSSpec(class string) (InstanceSpec, bool) {
	ec2Type, ok := strings.CutPrefix(class, "db.")
	if !ok {
		return InstanceSpec{}, false
	}
	s, ok := c.ec2[ec2Type]
	if !ok {
		return InstanceSpec{}, false
	}
	s.Type = class
	return s, true
}

// ElastiCacheSpec returns the spec of an ElastiCache node type such as
// "cache.t3.medium".
func (c *Catalog) ElastiCacheSpec(nodeType string) (CacheNodeSpec, bool) {
	s, ok := c.cache[nodeType]
	return s, ok
}

// EC2Spec is Default().EC2Spec(instanceType).
func EC2Spec(instanceType string) (InstanceSpec, bool) { return Default().EC2Spec(instanceType) }

// RDSSpec is Default().RDSSpec(class).
func RDSSpec(class string) (InstanceSpec, bool) { return Default().RDSSpec(class) }

// ElastiCacheSpec is Default().ElastiCacheSpec(nodeType).
func ElastiCacheSpec(nodeType string) (CacheNodeSpec, bool) {
	return Default().ElastiCacheSpec(nodeType)
}

// Family is the part of an instance type before the first dot: "m5" for
// "m5.large", "r6g" for "r6g.xlarge".
func Family(instanceType string) string {
	f, _, _ := strings.Cut(instanceType, ".")
	return f
}
