package schema

import (
	"encoding/json"
	"fmt"
)

// Stack is the typed model of one stack file after unification with the
// embedded schema: every default is filled in and every value is concrete.
type Stack struct {
	Name     string `json:"name"`
	Provider string `json:"provider"`
	Region   string `json:"region"`
	// DerivedFrom is "cue" for a stack described by hand, "terraform" for
	// one read from Terraform (which may lack its workload and demand).
	DerivedFrom string   `json:"derived_from"`
	Workload    Workload `json:"workload"`
	// WorkloadGiven is false when a derived stack has no workload: the
	// capacity model and the cost estimate then have nothing to size.
	WorkloadGiven bool                  `json:"-"`
	Network       Network               `json:"network"`
	Components    map[string]*Component `json:"components"`

	// Source locates fields and suppressions in the user's file.
	Source *Source `json:"-"`

	// Indexes built once after loading. A copy of a Stack may replace
	// components (another instance type, say) but must keep their names
	// and hosts, which these record.
	names  []string
	hostOf map[string]string
	byKind map[Kind][]string // component names of each kind, sorted
}

type Workload struct {
	AvgRPS       float64 `json:"avg_rps"`
	PeakRPS      float64 `json:"peak_rps"`
	ReadShare    float64 `json:"read_share"`
	SLOp99ms     float64 `json:"slo_p99_ms"`
	MonthlyHours float64 `json:"monthly_hours"`
	ResponseKB   float64 `json:"response_kb"`
	Entry        string  `json:"entry"`
	// Entries are the declared entry points; see Stack.Entries for the
	// resolved ones.
	Entries map[string]*EntryShare `json:"entries"`
}

// EntryShare is one declared entry point; Share is nil when the entry
// takes an even part of what the declared shares leave.
type EntryShare struct {
	Share *float64 `json:"share"`
}

type Network struct {
	VPC  string   `json:"vpc"`
	CIDR string   `json:"cidr"`
	AZs  []string `json:"azs"`
	// NATGateways is nil when the stack does not say (see schema.cue).
	NATGateways *int    `json:"nat_gateways"`
	NATGBMonth  float64 `json:"nat_gb_month"`
}

// Derived reports whether the stack was read from Terraform.
func (s *Stack) Derived() bool { return s.DerivedFrom == DerivedTerraform }

// DerivedTerraform is derived_from of a stack read from Terraform.
const DerivedTerraform = "terraform"

// Kind names a component kind as written in the stack file.
type Kind string

const (
	KindLB       Kind = "lb"
	KindCompute  Kind = "compute"
	KindDatabase Kind = "database"
	KindCache    Kind = "cache"
	KindCDN      Kind = "cdn"
	KindQueue    Kind = "queue"
)

// Component holds the fields every kind has; exactly one of the kind
// pointers is set, matching Kind.
type Component struct {
	Name        string   `json:"-"`
	Kind        Kind     `json:"kind"`
	Subnet      string   `json:"subnet"`
	AZs         []string `json:"azs,omitempty"`
	Description string   `json:"description,omitempty"`

	LB       *LB       `json:"-"`
	Compute  *Compute  `json:"-"`
	Database *Database `json:"-"`
	Cache    *Cache    `json:"-"`
	CDN      *CDN      `json:"-"`
	Queue    *Queue    `json:"-"`
}

// UnmarshalJSON decodes the common fields, then the kind's own fields from
// the same object.
func (c *Component) UnmarshalJSON(b []byte) error {
	type common Component
	if err := json.Unmarshal(b, (*common)(c)); err != nil {
		return err
	}
	target, err := c.kindFields()
	if err != nil {
		return err
	}
	return json.Unmarshal(b, target)
}

// kindFields sets the kind pointer that Kind names to a new value and
// returns it, for a decoder to fill from the component's own fields.
func (c *Component) kindFields() (any, error) {
	switch c.Kind {
	case KindLB:
		c.LB = &LB{}
		return c.LB, nil
	case KindCompute:
		c.Compute = &Compute{}
		return c.Compute, nil
	case KindDatabase:
		c.Database = &Database{}
		return c.Database, nil
	case KindCache:
		c.Cache = &Cache{}
		return c.Cache, nil
	case KindCDN:
		c.CDN = &CDN{}
		return c.CDN, nil
	case KindQueue:
		c.Queue = &Queue{}
		return c.Queue, nil
	}
	return nil, fmt.Errorf("unknown component kind %q", c.Kind)
}

type LB struct {
	Type           string       `json:"type"`
	InternetFacing bool         `json:"internet_facing"`
	Listeners      []Listener   `json:"listeners"`
	HealthCheck    *HealthCheck `json:"health_check,omitempty"`
	Targets        []string     `json:"targets"`
}

type Listener struct {
	Protocol      string `json:"protocol"`
	Port          int    `json:"port"`
	Certificate   string `json:"certificate,omitempty"`
	TLSPolicy     string `json:"tls_policy,omitempty"`
	RedirectHTTPS bool   `json:"redirect_https"`
}

// Encrypted reports whether the listener terminates TLS.
func (l Listener) Encrypted() bool { return l.Protocol == "HTTPS" || l.Protocol == "TLS" }

type HealthCheck struct {
	Protocol           string `json:"protocol"`
	Path               string `json:"path,omitempty"`
	Port               int    `json:"port,omitempty"`
	IntervalS          int    `json:"interval_s"`
	TimeoutS           int    `json:"timeout_s"`
	HealthyThreshold   int    `json:"healthy_threshold"`
	UnhealthyThreshold int    `json:"unhealthy_threshold"`
}

type Compute struct {
	InstanceType string       `json:"instance_type"`
	VCPUs        int          `json:"vcpus,omitempty"` // 0: the instance type's count
	Serves       Role         `json:"serves"`
	Jobs         *Jobs        `json:"jobs,omitempty"`
	Count        int          `json:"count,omitempty"`
	Autoscaling  *Autoscaling `json:"autoscaling,omitempty"`
	Workers      Workers      `json:"workers"`
	Demand       Demand       `json:"demand"`
	Contention   Contention   `json:"contention"`
	Hosts        []string     `json:"hosts"`
	Deploy       *Deploy      `json:"deploy,omitempty"`
	Calls        []Call       `json:"calls"`
	Standby      bool         `json:"standby"`
	Port         int          `json:"port"`
	TLS          bool         `json:"tls"`
	RootVolumeGB float64      `json:"root_volume_gb"`
}

// Instances is the fixed instance count, or the autoscaling minimum; a
// compute tier with neither count nor autoscaling is one server.
func (c *Compute) Instances() int {
	switch {
	case c.Autoscaling != nil:
		return c.Autoscaling.Min
	case c.Count > 0:
		return c.Count
	default:
		return 1
	}
}

// MaxInstances is the most instances the tier can run.
func (c *Compute) MaxInstances() int {
	if c.Autoscaling != nil {
		return c.Autoscaling.Max
	}
	return c.Instances()
}

// Role is what a compute tier serves (compute.serves).
type Role string

const (
	ServesHTTP Role = "http"
	ServesGRPC Role = "grpc"
	ServesTCP  Role = "tcp"
	ServesJobs Role = "jobs"
	ServesNone Role = "none"
)

// ServesHTTP reports whether the tier answers HTTP (gRPC runs over
// HTTP/2): what the plain-HTTP rules are about. A stack decoded without
// the schema's default (a test's literal) counts as HTTP, the default.
func (c *Compute) ServesHTTP() bool {
	return c.Serves == "" || c.Serves == ServesHTTP || c.Serves == ServesGRPC
}

// Modelled reports whether the capacity model sizes the tier as a queue:
// it declares its work per request or job (demand.cpu_ms, which every
// role but "tcp" and "none" must).
func (c *Compute) Modelled() bool { return c.Demand.CPUms > 0 }

// Jobs is a jobs tier's own rate and deadline (compute.jobs).
type Jobs struct {
	PerS       float64 `json:"per_s,omitempty"`
	DeadlineMs float64 `json:"deadline_ms,omitempty"`
}

// Queue is a message queue: calls to it enqueue jobs that its consumers
// take.
type Queue struct {
	Consumers []string `json:"consumers"`
}

type Workers struct {
	Model     string `json:"model"`
	Processes int    `json:"processes"`
	Threads   int    `json:"threads"`
	// Concurrency is an event loop's limit of requests in flight per
	// process; 0 when there is none (and for blocking workers).
	Concurrency int `json:"concurrency,omitempty"`
}

// The workers' models.
const (
	WorkersBlocking  = "blocking"
	WorkersEventLoop = "event_loop"
)

// EventLoop reports whether the processes run an event loop.
func (w Workers) EventLoop() bool { return w.Model == WorkersEventLoop }

// Total is the number of requests one instance serves at once: processes
// × threads for blocking workers, processes × concurrency for an event
// loop with a limit, and 0 (no bound) for one without.
func (w Workers) Total() int {
	if w.EventLoop() {
		return w.Processes * w.Concurrency
	}
	return w.Processes * w.Threads
}

type Demand struct {
	CPUms  float64 `json:"cpu_ms,omitempty"`
	WaitMs float64 `json:"wait_ms"`
	CV     float64 `json:"cv"`
}

type Contention struct {
	Sigma float64 `json:"sigma"`
	Kappa float64 `json:"kappa"`
}

type Autoscaling struct {
	Min     int            `json:"min"`
	Max     int            `json:"max"`
	Desired int            `json:"desired,omitempty"`
	Policy  *ScalingPolicy `json:"policy,omitempty"`
}

type ScalingPolicy struct {
	CPUTarget float64          `json:"cpu_target,omitempty"`
	Schedule  []ScheduleAction `json:"schedule,omitempty"`
}

type ScheduleAction struct {
	Cron string `json:"cron"`
	Min  int    `json:"min"`
	Max  int    `json:"max"`
	// Desired is the desired capacity the action sets; nil leaves it as
	// it is (kept within the new min and max).
	Desired *int `json:"desired,omitempty"`
}

// Deploy strategies.
const (
	DeployInPlace       = "in-place"
	DeployRolling       = "rolling"
	DeployBlueGreen     = "blue-green"
	DeployInServerBlueG = "in-server-blue-green"
)

type Deploy struct {
	Strategy           string  `json:"strategy"`
	Batch              int     `json:"batch,omitempty"`
	BackwardCompatible bool    `json:"backward_compatible"`
	Switch             string  `json:"switch"`
	PerMonth           float64 `json:"per_month"`
	WindowMin          float64 `json:"window_min"`
}

type Call struct {
	Target     string  `json:"target"`
	PerRequest float64 `json:"per_request"`
	Data       string  `json:"data,omitempty"`
	TLS        bool    `json:"tls"`
	// KB is nil when the stack does not say (see schema.cue).
	KB *float64 `json:"kb,omitempty"`
}

type Database struct {
	Engine             string   `json:"engine"`
	InstanceClass      string   `json:"instance_class,omitempty"`
	MultiAZ            bool     `json:"multi_az"`
	StorageGB          float64  `json:"storage_gb"`
	StorageType        string   `json:"storage_type"`
	EncryptedAtRest    bool     `json:"encrypted_at_rest"`
	RequireTLS         bool     `json:"require_tls"`
	PubliclyAccessible bool     `json:"publicly_accessible"`
	Ingress            []string `json:"ingress"`
	Port               int      `json:"port"`
	QueryMs            float64  `json:"query_ms"`
}

type Cache struct {
	Engine   string              `json:"engine"`
	NodeType string              `json:"node_type"`
	Nodes    int                 `json:"nodes"`
	Port     int                 `json:"port"`
	Data     map[string]*DataSet `json:"data"`
}

type DataSet struct {
	ReadsPerS float64 `json:"reads_per_s"`
	// WritesPerSPerSource is one source's invalidating writes per second.
	WritesPerSPerSource float64 `json:"writes_per_s_per_source"`
	// WritesPerS is the older writes_per_s, 0 when not written; the loader
	// accepts it with one source only. Read InvalidationsPerS, not this.
	WritesPerS  float64 `json:"writes_per_s,omitempty"`
	TTLs        float64 `json:"ttl_s"`
	Keys        int     `json:"keys"`
	ItemKB      float64 `json:"item_kb"`
	Sources     int     `json:"sources"`
	MissQueries float64 `json:"miss_queries"`
}

// InvalidationsPerS is the data set's invalidating writes per second, all
// sources together: writes_per_s_per_source × sources, or the older
// writes_per_s (written with one source only, where the two agree).
func (d *DataSet) InvalidationsPerS() float64 {
	if d.WritesPerS > 0 {
		return d.WritesPerS
	}
	return d.WritesPerSPerSource * float64(d.Sources)
}

type CDN struct {
	Origin    string  `json:"origin"`
	HTTPSOnly bool    `json:"https_only"`
	HitRatio  float64 `json:"hit_ratio"`
	// Viewers maps a CloudFront viewer geography to its share of the
	// requests; nil means the stack region's geography.
	Viewers map[string]float64 `json:"viewers,omitempty"`
}
