package main

import (
	"github.com/spf13/cobra"

	"github.com/infralint/infralint/schema"
)

const schemaDoc = `Print the embedded CUE schema that every stack is unified with (#Stack),
or with --config the schema of .infralint.cue (#Config).

Use it with CUE's own tools, for example to see every default infralint
fills in (the stack file gets the schema's package clause and embeds
#Stack):

  infralint schema > schema.cue
  { echo 'package schema'; echo '#Stack'; cat stack.cue; } > stack_vet.cue
  cue export schema.cue stack_vet.cue      # the stack as infralint sees it`

func newSchemaCmd() *cobra.Command {
	var config bool
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "Print the embedded CUE schema of a stack (or of the config file)",
		Long:  schemaDoc,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			src := schema.SchemaSource()
			if config {
				src = schema.ConfigSchemaSource()
			}
			_, err := cmd.OutOrStdout().Write(src)
			return err
		},
	}
	cmd.Flags().BoolVar(&config, "config", false, "print the schema of .infralint.cue instead")
	return cmd
}
