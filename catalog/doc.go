// Package catalog is infralint's offline AWS price and instance-spec catalog.
//
// The catalog is an embedded snapshot (snapshot.json, generated from the data
// files in source/ by `go generate ./catalog`) of on-demand, Linux, USD list
// prices, plus any user price files merged over it. Every Price carries the
// short id and date of its source and, where the figure is only approximate,
// the reason; Catalog.Attribution turns the prices a report used into a
// "prices as of …; sources …" line.
//
// # Price keys
//
// A price is looked up by region and a slash-separated key. Instance prices
// are per hour; the last segment of every other key names its unit.
//
//	ec2/<instance type>                          ec2/m5.large              hour
//	rds/<engine>/<db class>/<single-az|multi-az> rds/postgres/db.r5.large/multi-az
//	                                             engines: mysql, postgres, aurora-mysql, aurora-postgresql
//	rds-storage/<volume>/<single-az|multi-az>    rds-storage/gp3/multi-az  GB-month
//	elasticache/<engine>/<node type>             elasticache/redis/cache.t3.medium (redis, memcached, valkey)
//	alb/hour  alb/lcu-hour                       per hour, per LCU-hour
//	nlb/hour  nlb/nlcu-hour                      per hour, per NLCU-hour
//	nat/hour  nat/gb                             per hour, per GB processed
//	ebs/<volume>/gb-month|iops-month|mbps-month  ebs/gp3/gb-month
//	s3/<storage class>/gb-month                  s3/standard/gb-month
//	egress/<tier>/gb                             internet egress by tier (EgressTiers), e.g. egress/first-10tb/gb
//	inter-az/gb  public-ipv4/hour                per GB each side, per address-hour
//	aurora/storage/gb-month  aurora/io/million-requests
//	cloudfront/<geography>/<tier>/gb             CloudFrontGeographies × CloudFrontTiers; region "global"
//	cloudfront/<geography>/<https|http>/request  per request; region "global"
//
// The helpers EC2Key, RDSKey, RDSStorageKey and ElastiCacheKey and the
// constants ALBHour … S3StandardGBMonth build keys; CheckKey validates one.
// CloudFront is billed by viewer location, not by the stack's region, so its
// keys live in the pseudo-region Global and Price finds them whatever region
// it is asked for.
//
// A missing price is reported as not found (ok == false), never guessed:
// the snapshot has no ALB, NAT, EBS or S3 prices outside us-east-1, for
// example, and callers must report such a total as partial. See README.md
// for what each source covers and what is approximate.
package catalog

//go:generate go run ./internal/gen
