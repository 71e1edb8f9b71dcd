package schema

import "github.com/infralint/infralint/catalog"

// VCPUCount is the vCPUs one instance gives the tier: an explicit vcpus
// (an on-premise machine, a pinned process) or else the instance type's
// count from the catalog; false when neither is known.
func (c *Compute) VCPUCount(cat *catalog.Catalog) (int, bool) {
	if c.VCPUs > 0 {
		return c.VCPUs, true
	}
	spec, ok := cat.EC2Spec(c.InstanceType)
	return spec.VCPU, ok && spec.VCPU >= 1
}
