// Package pricing estimates a stack's monthly AWS bill from its own workload,
// offline, with the prices of package catalog. It prints nothing.
//
// It works the way infracost does, in two steps. First every component kind
// declares its cost components as data (Declare): a line item's name, the
// catalog price key, the unit, the monthly quantity and whether that
// quantity is fixed (provisioned capacity) or usage-based (derived from
// traffic). Then Price looks each key up and multiplies. A price the catalog
// lacks is never guessed: the line item is kept without a cost, the
// estimate is Partial, and Missing names every absent key.
//
// # The model
//
// H is workload.monthly_hours (730 = always on); requests per month are
// avg_rps × H × 3600; response bytes are response_kb × 1,000 per request
// (1 GB = 10⁶ KB). With a CDN in front, the origin serves avg_rps ×
// (1 − hit_ratio) ("origin rps"); without one it serves avg_rps.
//
//   - compute: instance hours = average instances × H at the instance
//     type's hourly price. A fixed count is that count. An autoscaling tier
//     runs what its average load needs, clamped to [min, max]. That
//     count is an input, Options.Instances: the caller passes the capacity
//     model's instances needed at average load at the policy's cpu_target,
//     which package rightsize estimates (rightsize.Instances); pricing
//     never runs the model. A tier the map lacks gets SimpleInstances, a
//     CPU-only estimate (⌈origin rps × cpu_ms ÷ (vCPU × cpu_target)⌉).
//     Every instance has a gp3
//     root volume of compute.root_volume_gb (default 20 GB), billed for
//     average instances × size × H/730 GB-months. A blue-green deploy
//     doubles the tier for deploy.per_month × deploy.window_min minutes:
//     that many extra instance hours. In-place, rolling and in-server
//     deploys add nothing. Components listed in compute.hosts run on the
//     tier's servers and cost nothing extra. A tier in a public subnet holds
//     one public IPv4 address per average instance.
//   - lb: hours × H; capacity units × H. An ALB LCU is the largest of new
//     connections/s ÷ 25, active connections ÷ 3,000, processed GB/h ÷ 1
//     and rule evaluations/s ÷ 1,000. Simplifications: every request opens
//     a new connection (an upper bound; keep-alive lowers it); processed
//     bytes are response bytes only (requests are assumed small); rule
//     evaluations stay within the 10 free rules. With one request per
//     connection, active connections (new/s × duration) never set the
//     maximum unless a request lasts 120 s, so they are left out. An NLB
//     NLCU is the larger of new flows/s ÷ 800 and processed GB/h ÷ 1.
//     Each load balancer is assumed to carry the whole origin traffic. An
//     internet-facing one holds a public IPv4 address per AZ node.
//   - database: the RDS class's hourly price (the Multi-AZ key when
//     multi_az) × H, and storage_gb GB-months at the storage type's
//     single- or Multi-AZ price (storage persists, so it is not scaled by
//     H). A database in compute.hosts costs nothing. Aurora (aurora.go):
//     the writer and, with multi_az, one replica at the class's price;
//     cluster storage, not doubled; I/O at one request a query (priced in
//     us-east-1 only).
//   - cache: node type's hourly price × nodes × H.
//   - cdn: CloudFront requests (at the HTTPS price) and data transfer out
//     for every response, tiered within each viewer geography (cdn.viewers,
//     by default the stack region's geography), less the always-free tier
//     (FreeCloudFrontGB, FreeCloudFrontRequests). Origin fetches from an AWS
//     origin to CloudFront are free (AWS CloudFront pricing), so a stack
//     with a CDN has no egress for its responses; its misses still count
//     at the load balancer.
//   - network: NAT gateway hours = gateways × H, where network.nat_gateways
//     defaults to one per AZ that a private compute tier runs in (a private
//     tier is assumed to reach the internet for updates and external
//     APIs), a public IPv4 address each; NAT data processed =
//     network.nat_gb_month. Inter-AZ transfer of the compute tiers' calls
//     (transfer.go). Internet egress = response bytes without a CDN plus
//     the NAT traffic, less the free 100 GB (FreeEgressGB), over AWS's
//     tiers.
//
// Line items with a zero quantity are dropped. Cost per million requests
// is the (possibly partial) total ÷ requests per month × 10⁶.
package pricing
