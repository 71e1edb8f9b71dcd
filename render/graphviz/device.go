package graphviz

import (
	"context"
	"fmt"

	gv "github.com/goccy/go-graphviz"
	"github.com/goccy/go-graphviz/gvc"
)

// defaultDPI is the PNG resolution when the graph sets no dpi attribute:
// Graphviz units are points (1/72 inch), so the scale is 96/72.
const defaultDPI = 96

// instance returns the shared Graphviz context, creating it with this
// package's PNG plugins on first use. The caller holds mu.
func instance(ctx context.Context) (*gv.Graphviz, *engine, error) {
	if inst != nil {
		return inst, eng, nil
	}
	e := newEngine()
	render, err := gvc.NewRenderPlugin(ctx, "png", e,
		gvc.WithRenderFeatures(gvc.RenderYGoesDown, gvc.RenderDoesTransform),
		gvc.WithRenderColorType(gvc.RGBAByte),
		gvc.WithRenderPAD(4),
	)
	if err != nil {
		return nil, nil, fmt.Errorf("graphviz: png render plugin: %w", err)
	}
	device, err := gvc.NewDevicePlugin(ctx, "png:png",
		gvc.WithDeviceFeatures(gvc.DeviceBinaryFormat, gvc.DeviceDoesTrueColor),
		gvc.WithDeviceDPI(defaultDPI, defaultDPI),
	)
	if err != nil {
		return nil, nil, fmt.Errorf("graphviz: png device plugin: %w", err)
	}
	g, err := gv.NewWithPlugins(ctx, render, device)
	if err != nil {
		return nil, nil, fmt.Errorf("graphviz: init: %w", err)
	}
	inst, eng = g, e
	return g, e, nil
}
