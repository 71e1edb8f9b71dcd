package rules

// Registry returns every rule in ID order. Adding a rule means adding it
// here; there is no init-time registration.
func Registry() []*Rule {
	return []*Rule{
		ruleDBColocated,
		ruleASGMissing, ruleASGMinOrAZ, ruleASGNoPolicy, ruleASGMaxBelowPeak, ruleASGMinBelowAverage,
		ruleAvailDBSingleAZ, ruleAvailCacheSingleNode,
		ruleCacheLowHit, ruleCacheMissing, ruleCacheTooSmall, ruleCacheReadsOff,
		ruleCapPeakUtilization, ruleCapSLO, ruleCapAZLost, ruleCapUSLPeak,
		ruleCostOverProvisioned, ruleCostCheaperType, ruleCostPartial, ruleCostDatabaseClass, ruleCostCacheNode,
		ruleDeployIncompatible, ruleDeployRestart, ruleDeploySingle, ruleDeployCapacity,
		ruleGraphUnreached,
		ruleLBNoHealthCheck, ruleLBUnsafeHealthCheck, ruleLBSinglePoint,
		ruleDBIngress, ruleDBPublic, ruleDBIngressMissing,
		ruleSuppressionReason, ruleSuppressionUnknown, ruleSuppressionExpired,
		ruleTLSPlainListener, ruleTLSOldPolicy, ruleTLSDBTraffic, ruleTLSDBStorage, ruleTLSCDN, ruleTLSPublicServer,
	}
}
